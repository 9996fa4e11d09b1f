package com.acme.crm.lead.idempotency;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadFields;
import com.acme.crm.lead.LeadService;
import com.acme.crm.lead.access.LeadAccess;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * {@code POST /api/leads} with an {@code Idempotency-Key}: the first request creates the lead and
 * stores its answer in the same transaction; a retry with the same key and body gets that answer
 * and creates nothing; the same key with another body is a 422. Only successful creates are
 * stored: a request that failed (say, a duplicate 409) may be retried with the same key. The stored body is the new
 * lead as the HTTP edge shows it ({@code shown}), written in the create's transaction.
 */
@ApplicationScoped
public class IdempotentLeadCreation {

    public static final int MAX_KEY_LENGTH = 200;
    private static final String FORGET_OLD_KEYS = "delete from lead_create_request where created_at < $1";

    @Inject
    LeadService leads;
    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @ConfigProperty(name = "crm.lead.idempotency-key-retention", defaultValue = "P1D")
    Duration retention;

    public Uni<CreateAnswer> create(String key, LeadFields fields, boolean suppressDuplicateDetection, SecurityIdentity caller,
                                    Function<Lead, ?> shown) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(fields, suppressDuplicateDetection);
        // Two concurrent first requests: the loser's insert of the key fails at commit, after the
        // winner committed, so its own lead rolls back and a second look finds the winner's answer.
        return attempt(key, hash, fields, suppressDuplicateDetection, caller, shown)
                .onFailure(IdempotentLeadCreation::keyTakenMeanwhile)
                .recoverWithUni(() -> attempt(key, hash, fields, suppressDuplicateDetection, caller, shown));
    }

    private Uni<CreateAnswer> attempt(String key, String hash, LeadFields fields, boolean suppress, SecurityIdentity caller,
                                      Function<Lead, ?> shown) {
        String user = LeadAccess.userId(caller);
        return Panache.withTransaction(() -> CreateRequestRecord.<CreateRequestRecord>findById(new CreateRequestRecord.Key(user, key))
                .chain(earlier -> earlier != null
                        ? Uni.createFrom().item(replay(earlier, hash))
                        : leads.create(fields, suppress, caller).chain(lead -> remember(user, key, hash, lead, shown))));
    }

    private static CreateAnswer replay(CreateRequestRecord earlier, String hash) {
        if (!earlier.requestHash.equals(hash)) {
            throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Unprocessable Content",
                    "this Idempotency-Key was used for a different request; use a new key for a new lead"));
        }
        return new CreateAnswer(earlier.status, earlier.location, earlier.body);
    }

    private Uni<CreateAnswer> remember(String user, String key, String hash, Lead lead, Function<Lead, ?> shown) {
        CreateRequestRecord record = new CreateRequestRecord();
        record.caller = user;
        record.idempotencyKey = key;
        record.requestHash = hash;
        record.status = 201;
        record.location = "/api/leads/" + lead.id;
        record.body = write(shown.apply(lead));
        record.createdAt = Instant.now();
        return record.persist().replaceWith(new CreateAnswer(record.status, record.location, record.body));
    }

    /**
     * Keys are kept for a day (configurable): long enough for any client's retries. One statement on the reactive
     * client, not an HQL delete: the first HQL delete after start-up parsed and translated its query and loaded
     * Hibernate's classes on an event loop, and list calls waited behind it (issue 9, thirteenth step).
     */
    @Scheduled(every = "1h", delayed = "5m")
    Uni<Void> forgetOldKeys() {
        return pool.preparedQuery(FORGET_OLD_KEYS).execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)))
                .replaceWithVoid();
    }

    private static boolean keyTakenMeanwhile(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("lead_create_request_pkey")) {
                return true;
            }
        }
        return false;
    }

    private String hash(LeadFields fields, boolean suppress) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((write(fields) + "|suppressDuplicateDetection=" + suppress).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass(), e);
        }
    }
}
