package com.acme.crm.lead.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The first answer to a create sent with an {@code Idempotency-Key}, kept per caller and key so
 * that a retry gets the same answer. Written in the creating transaction: it exists exactly when
 * the lead was created.
 */
@Entity
@Table(name = "lead_create_request")
@IdClass(CreateRequestRecord.Key.class)
public class CreateRequestRecord extends PanacheEntityBase {

    @Id
    public String caller;
    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    /** SHA-256 of the request, to tell a retry from a different request reusing the key. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;
    @Column(nullable = false)
    public int status;
    @Column(nullable = false)
    public String location;
    @Column(nullable = false)
    public String body;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The composite id: keys are scoped per caller, so two users' keys never collide. */
    public static class Key implements Serializable {
        public String caller;
        public String idempotencyKey;

        public Key() {
        }

        public Key(String caller, String idempotencyKey) {
            this.caller = caller;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.caller.equals(caller) && key.idempotencyKey.equals(idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(caller, idempotencyKey);
        }
    }
}
