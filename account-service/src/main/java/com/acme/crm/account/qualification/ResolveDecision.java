package com.acme.crm.account.qualification;

import com.acme.crm.account.RecordLimits;
import com.acme.crm.account.duplicates.DuplicateKeys;
import com.acme.crm.account.duplicates.DuplicateFinder.Matches;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * account-service's step of a qualification, decided without I/O: from the command and what
 * {@link AccountAndContactResolver} found under its locks, whether to reject, report duplicates,
 * or create and link records (SPEC §5, rules 7 and 9).
 */
public final class ResolveDecision {

    /** What happens to one of the two records. */
    public sealed interface Step permits Link, Create, Nothing {
    }

    /** Use an existing record (named by the lead, or found as a duplicate under LINK_EXISTING). */
    public record Link(UUID id) implements Step {
    }

    public record Create() implements Step {
    }

    /** The attempt wants no such record. */
    public record Nothing() implements Step {
    }

    public sealed interface Outcome permits Reject, ReportDuplicates, Proceed {
    }

    /** The step cannot be done, for a reason that will not change on retry. */
    public record Reject(String reason) implements Outcome {
    }

    public record ReportDuplicates(Matches matches) implements Outcome {
    }

    public record Proceed(Step account, Step contact) implements Outcome {
    }

    /**
     * What the resolver found, under its locks: whether the attempt was compensated already (or answered without
     * records: UndoneAttempts), whether the records it names exist, and the duplicates (null when it did not search).
     */
    public record Facts(boolean attemptUndone, boolean namedAccountExists, boolean namedContactExists, Matches duplicates) {
    }

    private ResolveDecision() {
    }

    public static boolean createsAccount(ResolveAccountAndContact command) {
        return command.createAccount() && command.existingAccountId() == null;
    }

    public static boolean createsContact(ResolveAccountAndContact command) {
        return command.createContact() && command.existingContactId() == null;
    }

    /** Whether the duplicate rules apply: something is to be created and the policy is not CREATE_NEW. */
    public static boolean searchesDuplicates(ResolveAccountAndContact command) {
        return command.duplicatePolicy() != DuplicatePolicy.CREATE_NEW && (createsAccount(command) || createsContact(command));
    }

    /**
     * The duplicate keys of the records the command may create (normalised name, website domain,
     * email), sorted: attempts that share one are serialised on it, so concurrent qualifications of
     * one company see each other's records and LINK_EXISTING ends with one account.
     */
    public static List<String> duplicateKeys(DuplicateKeys compared) {
        TreeSet<String> keys = new TreeSet<>();
        if (compared.checkAccount()) {
            if (compared.name() != null) {
                keys.add("account-name:" + compared.name());
            }
            if (compared.domain() != null) {
                keys.add("account-domain:" + compared.domain());
            }
        }
        if (compared.checkContact()) {
            keys.add("contact-email:" + compared.email().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(keys);
    }

    /** The company name, or "firstName lastName" for a lead without one. */
    public static String accountName(ProspectDetails p) {
        if (p.companyName() != null && !p.companyName().isBlank()) {
            return p.companyName();
        }
        return p.firstName() == null || p.firstName().isBlank() ? p.lastName() : p.firstName() + " " + p.lastName();
    }

    public static Outcome decide(ResolveAccountAndContact command, Facts facts) {
        if (facts.attemptUndone()) {
            return new Reject("qualification attempt " + command.qualificationId() + " was already compensated or answered"
                    + " without records; qualify the lead again");
        }
        if (command.existingAccountId() != null && !facts.namedAccountExists()) {
            return new Reject("account " + command.existingAccountId() + " does not exist (or was removed meanwhile)");
        }
        if (command.existingContactId() != null && !facts.namedContactExists()) {
            return new Reject("contact " + command.existingContactId() + " does not exist (or was removed meanwhile)");
        }
        Optional<String> unfit = unfit(command);
        if (unfit.isPresent()) {
            return new Reject(unfit.get());
        }
        Matches found = facts.duplicates();
        boolean noDuplicates = found == null || found.isEmpty() || command.duplicatePolicy() == DuplicatePolicy.CREATE_NEW;
        if (!noDuplicates && command.duplicatePolicy() == DuplicatePolicy.REPORT) {
            return new ReportDuplicates(found);
        }
        UUID accountMatch = noDuplicates ? null : found.firstAccount();
        UUID contactMatch = noDuplicates ? null : found.firstContact();
        return new Proceed(
                step(command.createAccount(), command.existingAccountId(), accountMatch),
                step(command.createContact(), command.existingContactId(), contactMatch));
    }

    private static Step step(boolean create, UUID named, UUID match) {
        if (named != null) {
            return new Link(named);
        }
        if (!create) {
            return new Nothing();
        }
        return match != null ? new Link(match) : new Create();
    }

    /**
     * Why the records the command creates cannot hold its values, if they cannot (a lead API that
     * keeps to SPEC rule 7 never sends such a command; an older or faulty sender might).
     */
    public static Optional<String> unfit(ResolveAccountAndContact command) {
        ProspectDetails p = command.prospect();
        List<String> problems = new ArrayList<>();
        boolean creates = createsAccount(command) || createsContact(command);
        if (creates) {
            check(problems, "owner id", command.ownerId(), RecordLimits.USER_ID);
            if (command.ownerId() == null || command.ownerId().isBlank()) {
                problems.add("the lead has no owner");
            }
        }
        if (p == null) {
            return creates ? Optional.of("the command carries no prospect details") : Optional.empty();
        }
        if (createsAccount(command)) {
            String name = accountName(p);
            if (name == null || name.isBlank()) {
                problems.add("the lead has neither a company name nor a last name for the account");
            }
            check(problems, "account name", name, RecordLimits.ACCOUNT_NAME);
            check(problems, "website", p.website(), RecordLimits.WEBSITE);
            check(problems, "industry", p.industry(), RecordLimits.INDUSTRY);
            check(problems, "business phone", p.businessPhone(), RecordLimits.PHONE);
            check(problems, "street", p.street(), RecordLimits.STREET);
            check(problems, "city", p.city(), RecordLimits.CITY);
            check(problems, "state or province", p.stateOrProvince(), RecordLimits.STATE_OR_PROVINCE);
            check(problems, "postal code", p.postalCode(), RecordLimits.POSTAL_CODE);
            check(problems, "country", p.country(), RecordLimits.COUNTRY);
        }
        if (createsContact(command)) {
            if (p.lastName() == null || p.lastName().isBlank()) {
                problems.add("the lead has no last name for the contact");
            }
            check(problems, "first name", p.firstName(), RecordLimits.FIRST_NAME);
            check(problems, "last name", p.lastName(), RecordLimits.LAST_NAME);
            check(problems, "email", p.email(), RecordLimits.EMAIL);
            check(problems, "job title", p.jobTitle(), RecordLimits.JOB_TITLE);
            check(problems, "business phone", p.businessPhone(), RecordLimits.PHONE);
            check(problems, "mobile phone", p.mobilePhone(), RecordLimits.PHONE);
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems.stream().distinct().toList()));
    }

    /** Columns count characters (code points), as PostgreSQL's varchar does; NUL is refused by PostgreSQL. */
    private static void check(List<String> problems, String what, String value, int max) {
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            problems.add(what + " too long: " + length + " characters (at most " + max + ")");
        }
        if (value.indexOf('\u0000') >= 0) {
            problems.add(what + " contains the NUL character (U+0000)");
        }
    }
}
