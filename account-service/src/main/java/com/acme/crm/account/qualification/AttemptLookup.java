package com.acme.crm.account.qualification;

import com.acme.crm.account.qualification.RecordLink.Kind;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a resolve must know before it decides, read in one statement (one round trip): the
 * attempt's links (a repeated command is answered from them), whether the attempt was undone,
 * whether the records the lead names exist (share-locked, so a compensation cannot remove them
 * before this attempt links them), and, last, the transaction advisory locks on the duplicate keys
 * of what it may create, in ascending order (see {@link AccountAndContactResolver#advisoryKeys}).
 * The locks come after the reads, as they did when these were separate statements; the duplicate
 * search that needs them runs as a statement of its own, so it sees what the lock holder committed.
 */
@ApplicationScoped
public class AttemptLookup {

    private static final String LOOKUP = """
            with named_account as (select id from account where id = cast(:account as uuid) for share),
            named_contact as (select id from contact where id = cast(:contact as uuid) for share),
            locked as (
                select count(pg_advisory_xact_lock(cast(k as bigint))) as n
                from unnest(string_to_array(cast(:keys as text), ',')) as k)
            select cast(kind as text) as what, record_id as id from record_link where qualification_id = :attempt
            union all select 'UNDONE', null from undone_attempt where qualification_id = :attempt
            union all select 'NAMED_ACCOUNT', id from named_account
            union all select 'NAMED_CONTACT', id from named_contact
            union all select 'LOCKED', null from locked""";

    /**
     * The rows' mapping, declared on {@link RecordLink}: a native query read as plain Object[] would get a new
     * mapping each time, which Hibernate 7.1's query plan cache cannot find again (every call adds an entry, all
     * with one hash code); a named mapping is found.
     */
    static final String ROW = "AttemptLookup.row";

    /** One record the attempt already created or linked. */
    public record Linked(Kind kind, UUID recordId) {
    }

    /** The attempt as found; {@code links} empty for a first command. */
    public record Found(List<Linked> links, boolean undone, boolean namedAccountExists, boolean namedContactExists) {

        public UUID linked(Kind kind) {
            return links.stream().filter(l -> l.kind() == kind).map(Linked::recordId).findFirst().orElse(null);
        }
    }

    /** @param lockKeys advisory lock keys, ascending (the statement takes them in this order) */
    public Uni<Found> find(ResolveAccountAndContact command, List<Long> lockKeys) {
        String keys = lockKeys.stream().map(String::valueOf).collect(Collectors.joining(","));
        return Panache.getSession().chain(session -> session.createNativeQuery(LOOKUP, session.getResultSetMapping(Object[].class, ROW))
                        .setParameter("account", command.existingAccountId())
                        .setParameter("contact", command.existingContactId())
                        .setParameter("keys", keys)
                        .setParameter("attempt", command.qualificationId())
                        .getResultList())
                .map(AttemptLookup::found);
    }

    private static Found found(List<Object[]> rows) {
        List<Linked> links = new ArrayList<>();
        boolean undone = false;
        boolean account = false;
        boolean contact = false;
        for (Object[] row : rows) {
            switch ((String) row[0]) {
                case "UNDONE" -> undone = true;
                case "NAMED_ACCOUNT" -> account = true;
                case "NAMED_CONTACT" -> contact = true;
                case "LOCKED" -> { }
                default -> links.add(new Linked(Kind.valueOf((String) row[0]), (UUID) row[1]));
            }
        }
        return new Found(List.copyOf(links), undone, account, contact);
    }
}
