package com.acme.crm.contracts.events.lead;

import com.acme.crm.contracts.qualification.DuplicatesFound.DuplicateMatch;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lead as its public events carry it (SPEC §3 fields, §7): the data of {@code crm.lead.created.v1},
 * {@code .updated.v1}, {@code .deleted.v1} (the lead as it was last), {@code .disqualified.v1},
 * {@code .reactivated.v1}, {@code .qualified.v1} and {@code .qualification-failed.v1}. A new field
 * may be added within v1 (consumers ignore unknown fields); a removed or changed one is a v2.
 *
 * <p>Nullable: every field marked so; the others are always present. Enumerations travel as their
 * names (the values are listed in docs/asyncapi.yaml); {@code statusReason} is NEW, CONTACTED,
 * QUALIFIED, a system disqualification reason or an organisation's own code. {@code budgetAmount}
 * has the two decimals the lead keeps (25000.00), as in the REST answers. The notes are not in it.
 */
public record LeadEventData(
        UUID id,
        String topic,
        @Schema(nullable = true) String firstName,
        String lastName,
        @Schema(nullable = true) String jobTitle,
        @Schema(nullable = true) String companyName,
        @Schema(nullable = true) String email,
        @Schema(nullable = true) String businessPhone,
        @Schema(nullable = true) String mobilePhone,
        @Schema(nullable = true) String website,
        @Schema(nullable = true) Address address,
        @Schema(nullable = true) String industry,
        @Schema(nullable = true) String preferredContactMethod,
        @Schema(nullable = true) String leadSource,
        @Schema(nullable = true) BigDecimal budgetAmount,
        @Schema(nullable = true) String currency,
        @Schema(nullable = true) String purchaseTimeframe,
        @Schema(nullable = true) String purchaseProcess,
        @Schema(nullable = true) Boolean decisionMaker,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) UUID existingAccountId,
        @Schema(nullable = true) UUID existingContactId,
        @Schema(nullable = true) String sourceCampaignId,
        String ownerId,
        String state,
        String statusReason,
        @Schema(nullable = true) String statusReasonLabel,
        long version,
        Instant createdAt,
        String createdBy,
        Instant modifiedAt,
        String modifiedBy,
        @Schema(nullable = true) Instant closedAt,
        boolean qualificationInProgress,
        @Schema(nullable = true) UUID accountId,
        @Schema(nullable = true) UUID contactId,
        @Schema(nullable = true) UUID opportunityId,
        @Schema(nullable = true) Qualification qualification) {

    /** The lead's postal address; null on the lead when it has none. */
    public record Address(@Schema(nullable = true) String street, @Schema(nullable = true) String city,
                          @Schema(nullable = true) String stateOrProvince, @Schema(nullable = true) String postalCode,
                          @Schema(nullable = true) String country) {
    }

    /** The lead's latest qualification attempt (SPEC §5); null when it was never qualified. */
    public record Qualification(
            UUID id,
            UUID leadId,
            String status,
            @Schema(nullable = true) Request request,
            @Schema(nullable = true) UUID accountId,
            @Schema(nullable = true) UUID contactId,
            @Schema(nullable = true) UUID opportunityId,
            @Schema(nullable = true) Duplicates duplicates,
            @Schema(nullable = true) String failureReason,
            Instant startedAt,
            @Schema(nullable = true) Instant finishedAt) {
    }

    /** The attempt's request, defaults applied. */
    public record Request(boolean createAccount, boolean createContact, boolean createOpportunity,
                          @Schema(nullable = true) UUID existingAccountId, @Schema(nullable = true) UUID existingContactId,
                          @Schema(nullable = true) String opportunityCurrency, @Schema(nullable = true) String duplicatePolicy) {
    }

    /** What a DUPLICATES_FOUND attempt matched (empty lists otherwise). */
    public record Duplicates(List<DuplicateMatch> accounts, List<DuplicateMatch> contacts) {
    }
}
