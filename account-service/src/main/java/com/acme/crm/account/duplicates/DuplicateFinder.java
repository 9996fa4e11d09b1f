package com.acme.crm.account.duplicates;

import com.acme.crm.common.persistence.PlanCacheBypass;
import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import io.quarkus.hibernate.reactive.panache.Panache;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the existing records a qualification would duplicate: accounts by normalised name or
 * website domain, contacts by email (case-insensitive). Only records the attempt would create
 * are checked; linked ones are wanted, not duplicates. Matches are share-locked: a compensation
 * cannot remove one before the attempt that found it has linked it (or a removed one is not found).
 * The candidates of one command or of a whole batch are read in one statement of one SQL text
 * (the keys go as one JSON array, bound as text; kept out of the plan cache, see {@link PlanCacheBypass}), at most {@link #MAX_MATCHES} oldest per key;
 * {@link DuplicateCandidates} picks each command's matches from them.
 */
@ApplicationScoped
public class DuplicateFinder {

    static final int MAX_MATCHES = 10;

    /** Per key, the oldest MAX_MATCHES rows, share-locked; each row says which key found it. */
    private static final String FIND = """
            with asked as (select * from jsonb_to_recordset(cast(cast(:keys as text) as jsonb)) as k(kind text, value text))
            select 'ACCOUNT' as kind, cast(k.kind as text) || ':' || k.value as found_by, a.id, a.name,
                   a.normalized_name as detail, a.website_domain as extra, a.created_at
            from asked k cross join lateral (
                select id, name, normalized_name, website_domain, created_at from account
                where k.kind = 'name' and normalized_name = k.value
                order by created_at, id limit %1$d for share) a
            union all
            select 'ACCOUNT', cast(k.kind as text) || ':' || k.value, a.id, a.name, a.normalized_name, a.website_domain, a.created_at
            from asked k cross join lateral (
                select id, name, normalized_name, website_domain, created_at from account
                where k.kind = 'domain' and website_domain = k.value
                order by created_at, id limit %1$d for share) a
            union all
            select 'CONTACT', k.value, c.id, c.first_name, c.last_name, null, c.created_at
            from asked k cross join lateral (
                select id, first_name, last_name, created_at from contact
                where k.kind = 'email' and lower(email) = lower(k.value)
                order by created_at, id limit %1$d for share) c""".formatted(MAX_MATCHES);

    /** The rows' types, declared on Account (JPA keeps named mappings on an entity). */
    public static final String ROW = "DuplicateFinder.row";

    @Inject
    ObjectMapper json;

    /** What matched; empty lists when nothing did. */
    public record Matches(List<DuplicateMatch> accounts, List<DuplicateMatch> contacts) {

        public boolean isEmpty() {
            return accounts.isEmpty() && contacts.isEmpty();
        }

        public UUID firstAccount() {
            return accounts.isEmpty() ? null : accounts.get(0).id();
        }

        public UUID firstContact() {
            return contacts.isEmpty() ? null : contacts.get(0).id();
        }
    }

    /** What one command's search finds. */
    public Uni<Matches> find(DuplicateKeys keys) {
        return candidates(List.of(keys)).map(found -> found.matches(keys));
    }

    /** The records any of the commands of {@code searches} could duplicate, in one statement (none when no command checks). */
    public Uni<DuplicateCandidates> candidates(List<DuplicateKeys> searches) {
        Set<Map<String, String>> asked = new LinkedHashSet<>();
        for (DuplicateKeys keys : searches) {
            if (keys.checkAccount() && keys.name() != null) {
                asked.add(Map.of("kind", "name", "value", keys.name()));
            }
            if (keys.checkAccount() && keys.domain() != null) {
                asked.add(Map.of("kind", "domain", "value", keys.domain()));
            }
            if (keys.checkContact()) {
                asked.add(Map.of("kind", "email", "value", keys.email()));
            }
        }
        if (asked.isEmpty()) {
            return Uni.createFrom().item(new DuplicateCandidates());
        }
        return Panache.getSession().chain(session -> PlanCacheBypass.bind(
                                session.createNativeQuery(FIND, session.getResultSetMapping(Object[].class, ROW)), "keys", toJson(asked))
                        .getResultList())
                .map(DuplicateFinder::candidatesOf);
    }

    private static DuplicateCandidates candidatesOf(List<Object[]> rows) {
        DuplicateCandidates candidates = new DuplicateCandidates();
        for (Object[] row : rows) {
            UUID id = (UUID) row[2];
            Instant createdAt = (Instant) row[6];
            if ("ACCOUNT".equals(row[0])) {
                candidates.found((String) row[1], new DuplicateCandidates.AccountRow(id, (String) row[3], (String) row[4], (String) row[5], createdAt));
            } else {
                candidates.found((String) row[1], new DuplicateCandidates.ContactRow(id, (String) row[3], (String) row[4], null, createdAt));
            }
        }
        return candidates;
    }

    static DuplicateMatch accountMatch(UUID id, String name, String normalizedName, String searchedName) {
        return new DuplicateMatch(id, name, searchedName != null && searchedName.equals(normalizedName) ? "name" : "website");
    }

    static DuplicateMatch contactMatch(UUID id, String firstName, String lastName) {
        return new DuplicateMatch(id, firstName == null ? lastName : firstName + " " + lastName, "email");
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
