package com.acme.crm.account.qualification;

import com.acme.crm.account.qualification.RecordLink.Kind;
import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.persistence.PlanCacheBypass;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What resolves must know before they decide, read in one statement (one round trip) for one
 * command or a whole batch: each attempt's links (a repeated command is answered from them), whether
 * it was undone, which of the records the leads name exist (share-locked, in id order, so a
 * compensation cannot remove them before the attempt links them), and, last, the transaction
 * advisory locks on the duplicate keys of what they may create, in ascending order (see
 * {@link AccountAndContactResolver#advisoryKeys}). The locks come after the reads; the duplicate
 * search that needs them runs as a statement of its own, so it sees what their previous holder committed.
 * One SQL text whatever the number of commands (the attempts and the named records go as uuid arrays,
 * {@link NativeValues#uuidArray}; the lock keys as one JSON array, both bound as text), and kept out of
 * Hibernate's plan cache, which cannot find it again ({@link PlanCacheBypass}).
 */
@ApplicationScoped
public class AttemptLookup {

    private static final String LOOKUP = """
            with named_account as (
                select id from account where id = any(cast(cast(:accounts as text) as uuid[])) order by id for share),
            named_contact as (
                select id from contact where id = any(cast(cast(:contacts as text) as uuid[])) order by id for share),
            locked as (
                select count(pg_advisory_xact_lock(cast(k as bigint))) as n
                from jsonb_array_elements_text(cast(cast(:keys as text) as jsonb)) as k)
            select qualification_id as attempt, cast(kind as text) as what, record_id as id
            from record_link where qualification_id = any(cast(cast(:attempts as text) as uuid[]))
            union all select qualification_id, 'UNDONE', null from undone_attempt
                where qualification_id = any(cast(cast(:attempts as text) as uuid[]))
            union all select null, 'NAMED_ACCOUNT', id from named_account
            union all select null, 'NAMED_CONTACT', id from named_contact
            union all select null, 'LOCKED', null from locked""";

    /** The rows' types, declared on an entity (JPA keeps named mappings there); it does not help the plan cache (see PlanCacheBypass). */
    static final String ROW = "AttemptLookup.row";

    @Inject
    JsonRows jsonRows;

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
        return find(List.of(command), lockKeys).map(found -> found.get(command.qualificationId()));
    }

    /**
     * Each command's attempt as found, by attempt id (two commands of one attempt find the same).
     *
     * @param lockKeys advisory lock keys of all the commands, ascending (the statement takes them in this order)
     */
    public Uni<Map<UUID, Found>> find(List<ResolveAccountAndContact> commands, List<Long> lockKeys) {
        Set<UUID> attempts = new LinkedHashSet<>();
        Set<UUID> accounts = new LinkedHashSet<>();
        Set<UUID> contacts = new LinkedHashSet<>();
        for (ResolveAccountAndContact command : commands) {
            attempts.add(command.qualificationId());
            addNamed(accounts, command.existingAccountId());
            addNamed(contacts, command.existingContactId());
        }
        return Panache.getSession().chain(session -> PlanCacheBypass.bind(
                                session.createNativeQuery(LOOKUP, session.getResultSetMapping(Object[].class, ROW)),
                                "attempts", NativeValues.uuidArray(attempts))
                        .setParameter("accounts", NativeValues.uuidArray(accounts))
                        .setParameter("contacts", NativeValues.uuidArray(contacts))
                        .setParameter("keys", jsonRows.text(lockKeys.stream().map(String::valueOf).toList()))
                        .getResultList())
                .map(rows -> found(commands, rows));
    }

    private static void addNamed(Set<UUID> named, UUID id) {
        if (id != null) {
            named.add(id);
        }
    }

    private static Map<UUID, Found> found(List<ResolveAccountAndContact> commands, List<Object[]> rows) {
        Map<UUID, List<Linked>> links = new HashMap<>();
        Set<UUID> undone = new HashSet<>();
        Set<UUID> named = new HashSet<>(); // account and contact ids cannot collide (random UUIDs)
        for (Object[] row : rows) {
            UUID attempt = (UUID) row[0];
            UUID id = (UUID) row[2];
            switch ((String) row[1]) {
                case "UNDONE" -> undone.add(attempt);
                case "NAMED_ACCOUNT", "NAMED_CONTACT" -> named.add(id);
                case "LOCKED" -> { }
                default -> links.computeIfAbsent(attempt, a -> new ArrayList<>()).add(new Linked(Kind.valueOf((String) row[1]), id));
            }
        }
        Map<UUID, Found> found = new LinkedHashMap<>();
        for (ResolveAccountAndContact command : commands) {
            UUID attempt = command.qualificationId();
            found.put(attempt, new Found(List.copyOf(links.getOrDefault(attempt, List.of())), undone.contains(attempt),
                    named.contains(command.existingAccountId()), named.contains(command.existingContactId())));
        }
        return found;
    }
}
