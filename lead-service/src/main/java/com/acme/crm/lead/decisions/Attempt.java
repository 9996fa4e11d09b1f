package com.acme.crm.lead.decisions;

import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.lead.qualification.Qualification;
import com.acme.crm.lead.qualification.QualificationStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One qualification attempt as the decisions see it; each transition returns the attempt after it.
 * {@code lane}: the topics every message of the attempt travels on ({@link LaneChoice}).
 */
public record Attempt(UUID id, UUID leadId, QualificationStatus status,
                      boolean createAccount, boolean createContact, boolean createOpportunity,
                      UUID existingAccountId, UUID existingContactId, String opportunityCurrency, DuplicatePolicy duplicatePolicy,
                      UUID accountId, UUID contactId, UUID opportunityId, Matches duplicates, String failureReason,
                      String requestedBy, String idempotencyKey, Instant startedAt, Instant deadline, Instant finishedAt,
                      Lane lane) {

    /** The existing records a DUPLICATES_FOUND attempt matched. */
    public record Matches(List<DuplicateMatch> accounts, List<DuplicateMatch> contacts) {
    }

    static final int MAX_FAILURE_REASON = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Attempt of(Qualification q) {
        return new Attempt(q.id, q.leadId, q.status, q.createAccount, q.createContact, q.createOpportunity,
                q.existingAccountId, q.existingContactId, q.opportunityCurrency, q.duplicatePolicy,
                q.accountId, q.contactId, q.opportunityId, matches(q.duplicates), q.failureReason,
                q.requestedBy, q.idempotencyKey, q.startedAt, q.deadline, q.finishedAt, q.lane == null ? Lane.BULK : q.lane);
    }

    public boolean isFinal() {
        return status.isFinal();
    }

    /** account-service has answered with the records (a second such answer is a repeat). */
    public boolean accountStepDone() {
        return accountId != null || contactId != null;
    }

    /** Whether the account service's answer names the account and contact this attempt recorded (a repeat of it). */
    boolean knows(AccountAndContactResolved answer) {
        return accountStepDone() && Objects.equals(accountId, answer.accountId()) && Objects.equals(contactId, answer.contactId());
    }

    /** Whether the opportunity service's answer names the opportunity this attempt recorded (a repeat of it). */
    boolean knows(OpportunityCreated answer) {
        return opportunityId != null && opportunityId.equals(answer.opportunityId());
    }

    Attempt resolved(UUID account, UUID contact) {
        return new Attempt(id, leadId, status, createAccount, createContact, createOpportunity, existingAccountId,
                existingContactId, opportunityCurrency, duplicatePolicy, account, contact, opportunityId, duplicates,
                failureReason, requestedBy, idempotencyKey, startedAt, deadline, finishedAt, lane);
    }

    Attempt completed(UUID opportunity, Instant at) {
        return new Attempt(id, leadId, QualificationStatus.COMPLETED, createAccount, createContact, createOpportunity,
                existingAccountId, existingContactId, opportunityCurrency, duplicatePolicy, accountId, contactId, opportunity,
                duplicates, failureReason, requestedBy, idempotencyKey, startedAt, deadline, at, lane);
    }

    /** The attempt, with the opportunity a late reply reported (its status and end unchanged). */
    Attempt withOpportunity(UUID opportunity) {
        return new Attempt(id, leadId, status, createAccount, createContact, createOpportunity, existingAccountId,
                existingContactId, opportunityCurrency, duplicatePolicy, accountId, contactId, opportunity, duplicates,
                failureReason, requestedBy, idempotencyKey, startedAt, deadline, finishedAt, lane);
    }

    Attempt duplicatesFound(Matches matches, Instant at) {
        return new Attempt(id, leadId, QualificationStatus.DUPLICATES_FOUND, createAccount, createContact, createOpportunity,
                existingAccountId, existingContactId, opportunityCurrency, duplicatePolicy, accountId, contactId, opportunityId,
                matches, failureReason, requestedBy, idempotencyKey, startedAt, deadline, at, lane);
    }

    Attempt failed(String reason, Instant at) {
        String bounded = reason.length() > MAX_FAILURE_REASON ? reason.substring(0, MAX_FAILURE_REASON) : reason;
        return new Attempt(id, leadId, QualificationStatus.FAILED, createAccount, createContact, createOpportunity,
                existingAccountId, existingContactId, opportunityCurrency, duplicatePolicy, accountId, contactId, opportunityId,
                duplicates, bounded, requestedBy, idempotencyKey, startedAt, deadline, at, lane);
    }

    private static Matches matches(String stored) {
        try {
            return stored == null ? null : JSON.readValue(stored, Matches.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored duplicates are not the expected JSON", e);
        }
    }
}
