package com.acme.crm.account;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC rule 7, property style: prospects at the edges of every limit the lead API has (read from
 * lead-service's LeadFields and AddressFields, so the two stay in step) all resolve: no
 * rejection, no failure. Empty and absent optionals, maximum lengths in every character class
 * (accents, combining marks, CJK, emoji, characters NFKD expands 18-fold, "&", legal suffixes),
 * 500-character websites with hosts past 255 characters, odd but valid emails.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ProspectEdgesTest {

    /** Units of text; each fills a field up to its limit (the lead API counts UTF-16 units, as @Size does). */
    private static final List<String> CHARACTER_CLASSES = List.of("a", "Z9", "é", "e\u0301", "漢", "😀", "&", "a&", "ﷺ", "㍿",
            "ß", "İ", " Inc", " GmbH & Co. KG", ".-,", "Ǆ", "ﬃ", "\t");

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    /** What the lead API accepts as an email (the same constraint LeadFields carries). */
    record LeadEmail(@Email String email) {
    }

    @Test
    void prospectsAtTheEdgesOfEveryLeadLimit_allResolve() throws Exception {
        Map<String, Integer> limits = leadLimits();
        for (String field : List.of("companyName", "website", "industry", "firstName", "lastName", "jobTitle", "email",
                "businessPhone", "mobilePhone", "street", "city", "stateOrProvince", "postalCode", "country", "ownerId")) {
            assertTrue(limits.containsKey(field), "no limit found in LeadFields/AddressFields for " + field + ": " + limits);
        }
        List<ResolveAccountAndContact> commands = new ArrayList<>();
        for (String unit : CHARACTER_CLASSES) {
            // every field at its maximum in one character class; a company and then none (the account named after the person)
            commands.add(command(limits, unit, fill(unit, limits.get("companyName")), website(limits.get("website"), unit)));
            commands.add(command(limits, unit, null, null));
        }
        commands.add(command(limits, "x", "", ""));
        commands.add(command(limits, "x", "   ", "   "));
        commands.add(command(limits, "x", "a&".repeat(limits.get("companyName") / 2), "not a url at all"));
        commands.add(command(limits, "x", "Inc", "https://" + "h".repeat(63) + "." + "i".repeat(63) + ".example/?q=&&"));
        commands.add(command(limits, "x", "!!!", "http://[::1]:8080/path"));
        commands.add(command(limits, "x", "Ltd.", "https://a_b.example"));
        // every optional absent, and every optional empty
        commands.add(new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "o", true, true, null, null,
                DuplicatePolicy.LINK_EXISTING, new ProspectDetails(null, null, null, null, "L", null, null, null, null,
                null, null, null, null, null)));
        commands.add(new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "o", true, true, null, null,
                DuplicatePolicy.LINK_EXISTING, new ProspectDetails("", "", "", "", "L", "", validEmail(""), "", "", "",
                "", "", "", "")));
        List<String> emails = oddEmails(limits.get("email"));
        for (String email : emails) {
            commands.add(new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "o", true, true, null, null,
                    DuplicatePolicy.LINK_EXISTING, new ProspectDetails("Mail Co " + UUID.randomUUID(), null, null, "F", "L",
                    null, email, null, null, null, null, null, null, null)));
        }

        for (ResolveAccountAndContact command : commands) {
            KafkaProbe.send(Topics.ACCOUNT_COMMANDS, command.leadId().toString(),
                    QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(), json.writeValueAsString(command));
        }
        for (ResolveAccountAndContact command : commands) {
            var reply = KafkaProbe.await(Topics.QUALIFICATION_REPLIES, command.leadId().toString(), 1, r -> true).get(0);
            assertEquals(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name(), KafkaProbe.header(reply, "ce_type"),
                    reply.value() + " for " + json.writeValueAsString(command.prospect()));
        }
    }

    private ResolveAccountAndContact command(Map<String, Integer> limits, String unit, String company, String website) {
        ProspectDetails prospect = new ProspectDetails(company, website,
                fill(unit, limits.get("industry")), fill(unit, limits.get("firstName")), nonBlank(fill(unit, limits.get("lastName"))),
                fill(unit, limits.get("jobTitle")), longestEmail(limits.get("email")),
                fill(unit, limits.get("businessPhone")), fill(unit, limits.get("mobilePhone")),
                fill(unit, limits.get("street")), fill(unit, limits.get("city")), fill(unit, limits.get("stateOrProvince")),
                fill(unit, limits.get("postalCode")), fill(unit, limits.get("country")));
        String owner = "o".repeat(limits.get("ownerId"));
        return new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), owner, true, true, null, null,
                DuplicatePolicy.LINK_EXISTING, prospect);
    }

    /** {@code unit} repeated to the longest text within {@code max} UTF-16 units. */
    static String fill(String unit, int max) {
        StringBuilder text = new StringBuilder();
        while (text.length() + unit.length() <= max) {
            text.append(unit);
        }
        return text.toString();
    }

    private static String nonBlank(String text) {
        return text.isBlank() ? "L" + text.substring(1) : text;
    }

    /** A website of exactly {@code max} characters whose host is longer than 255 characters. */
    private static String website(int max, String unit) {
        StringBuilder host = new StringBuilder();
        while (host.length() < 300) {
            host.append("a".repeat(60)).append('.');
        }
        host.append("example");
        String start = "https://www." + host + "/";
        return start + fill(unit.isBlank() ? "p" : unit, max - start.length());
    }

    private String longestEmail(int max) {
        // a 64-character local part and a domain of labels up to 63 characters, 254 in all
        StringBuilder domain = new StringBuilder();
        String local = "l".repeat(64);
        while (local.length() + 1 + domain.length() + 64 <= max) {
            domain.append("d".repeat(63)).append('.');
        }
        domain.append("e".repeat(max - local.length() - 1 - domain.length()));
        return validEmail(local + "@" + domain);
    }

    private List<String> oddEmails(int max) {
        List<String> candidates = List.of("a@b", "O'Brien+tag@Example.COM", "\"quoted name\"@x.example", "üñî@ex.example",
                "user@[192.168.0.1]", "x@xn--bcher-kva.example", "a.b.c.d@e.f.g", "_-_@x.example", "&@x.example",
                longestEmail(max).toUpperCase());
        List<String> valid = candidates.stream().filter(e -> validator.validate(new LeadEmail(e)).isEmpty()).toList();
        assertTrue(valid.size() >= 6, "most odd emails are valid for the lead API: " + valid);
        return valid;
    }

    private String validEmail(String email) {
        assertTrue(validator.validate(new LeadEmail(email)).isEmpty(), "the lead API would refuse " + email);
        return email;
    }

    /** {@code field → max} of every {@code @Size(max = N) String field} in the lead API's field records. */
    static Map<String, Integer> leadLimits() throws IOException {
        Map<String, Integer> limits = new HashMap<>();
        Pattern sized = Pattern.compile("@Size\\(max\\s*=\\s*([0-9_]+)\\)(?:\\s*@\\w+(?:\\([^)]*\\))?)*\\s*String\\s+(\\w+)");
        for (String file : List.of("LeadFields.java", "AddressFields.java")) {
            Path source = leadPackage().resolve(file);
            Matcher m = sized.matcher(Files.readString(source));
            while (m.find()) {
                limits.put(m.group(2), Integer.parseInt(m.group(1).replace("_", "")));
            }
        }
        return limits;
    }

    /** Where lead-service keeps the field records its API validates (beside {@code Lead}). */
    private static Path leadPackage() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lead = dir.resolve("lead-service/src/main/java/com/acme/crm/lead");
            if (Files.isRegularFile(lead.resolve("LeadFields.java"))) {
                return lead;
            }
        }
        throw new IllegalStateException("lead-service sources not found above " + Path.of("").toAbsolutePath());
    }
}
