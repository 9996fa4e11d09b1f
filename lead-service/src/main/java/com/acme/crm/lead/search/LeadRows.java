package com.acme.crm.lead.search;

import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.lead.Address;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadEnums;
import com.acme.crm.lead.LeadState;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.qualification.Qualification;
import com.acme.crm.lead.qualification.QualificationStatus;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The lead list's rows as the leads the API shows, read the way Hibernate reads a lead with its latest attempt (the
 * entity's columns, the reason's label as its {@code @Formula} selects it, an address of only nulls as none). The
 * leads are detached: the list only shows them. Columns are read by position, in {@link #COLUMNS}' order.
 */
final class LeadRows {

    /** The lead ({@code l}), its reason's label, and its latest attempt ({@code q}, null when it has none). */
    static final String COLUMNS = "l.id, l.topic, l.first_name, l.last_name, l.job_title, l.company_name, l.email,"
            + " l.business_phone, l.mobile_phone, l.website, l.street, l.city, l.state_or_province, l.postal_code,"
            + " l.country, l.industry, l.preferred_contact_method, l.lead_source, l.budget_amount, l.currency,"
            + " l.purchase_timeframe, l.purchase_process, l.decision_maker, l.description, l.existing_account_id,"
            + " l.existing_contact_id, l.source_campaign_id, l.owner_id, l.state, l.status_reason,"
            + " (select r.label from disqualification_reason r where r.code = l.status_reason), l.version,"
            + " l.created_at, l.created_by, l.modified_at, l.modified_by, l.closed_at, l.qualification_in_progress,"
            + " l.qualification_id, l.account_id, l.contact_id, l.opportunity_id,"
            + " q.id, q.lead_id, q.status, q.create_account, q.create_contact, q.create_opportunity,"
            + " q.existing_account_id, q.existing_contact_id, q.opportunity_currency, q.duplicate_policy,"
            + " q.account_id, q.contact_id, q.opportunity_id, q.duplicates::text, q.failure_reason, q.started_at,"
            + " q.finished_at";

    private LeadRows() {
    }

    static List<Lead> leads(RowSet<Row> rows) {
        List<Lead> leads = new ArrayList<>(rows.size());
        for (Row row : rows) {
            leads.add(lead(new Columns(row)));
        }
        return leads;
    }

    private static Lead lead(Columns next) {
        Lead lead = new Lead();
        lead.id = next.uuid();
        lead.topic = next.string();
        lead.firstName = next.string();
        lead.lastName = next.string();
        lead.jobTitle = next.string();
        lead.companyName = next.string();
        lead.email = next.string();
        lead.businessPhone = next.string();
        lead.mobilePhone = next.string();
        lead.website = next.string();
        lead.address = address(next);
        lead.industry = next.string();
        lead.preferredContactMethod = next.value(LeadEnums.ContactMethod::valueOf);
        lead.leadSource = next.value(LeadEnums.LeadSource::valueOf);
        lead.budgetAmount = next.decimal();
        lead.currency = next.string();
        lead.purchaseTimeframe = next.value(LeadEnums.PurchaseTimeframe::valueOf);
        lead.purchaseProcess = next.value(LeadEnums.PurchaseProcess::valueOf);
        lead.decisionMaker = next.bool();
        lead.description = next.string();
        lead.existingAccountId = next.uuid();
        lead.existingContactId = next.uuid();
        lead.sourceCampaignId = next.string();
        lead.ownerId = next.string();
        lead.state = next.value(LeadState::valueOf);
        lead.statusReason = next.value(StatusReason::of);
        lead.customReasonLabel = next.string();
        lead.version = next.number();
        lead.createdAt = next.instant();
        lead.createdBy = next.string();
        lead.modifiedAt = next.instant();
        lead.modifiedBy = next.string();
        lead.closedAt = next.instant();
        lead.qualificationInProgress = next.bool();
        lead.qualificationId = next.uuid();
        lead.accountId = next.uuid();
        lead.contactId = next.uuid();
        lead.opportunityId = next.uuid();
        lead.latestQualification = qualification(next);
        return lead;
    }

    /** Null when every column is, as Hibernate reads an embedded value. */
    private static Address address(Columns next) {
        Address address = new Address();
        address.street = next.string();
        address.city = next.string();
        address.stateOrProvince = next.string();
        address.postalCode = next.string();
        address.country = next.string();
        boolean none = address.street == null && address.city == null && address.stateOrProvince == null
                && address.postalCode == null && address.country == null;
        return none ? null : address;
    }

    /** The lead's latest attempt; null when the left join found none. */
    private static Qualification qualification(Columns next) {
        UUID id = next.uuid();
        if (id == null) {
            return null;
        }
        Qualification attempt = new Qualification();
        attempt.id = id;
        attempt.leadId = next.uuid();
        attempt.status = next.value(QualificationStatus::valueOf);
        attempt.createAccount = next.bool();
        attempt.createContact = next.bool();
        attempt.createOpportunity = next.bool();
        attempt.existingAccountId = next.uuid();
        attempt.existingContactId = next.uuid();
        attempt.opportunityCurrency = next.string();
        attempt.duplicatePolicy = next.value(DuplicatePolicy::valueOf);
        attempt.accountId = next.uuid();
        attempt.contactId = next.uuid();
        attempt.opportunityId = next.uuid();
        attempt.duplicates = next.string();
        attempt.failureReason = next.string();
        attempt.startedAt = next.instant();
        attempt.finishedAt = next.instant();
        return attempt;
    }

    /** One row's columns, each read once, in order. */
    private static final class Columns {
        private final Row row;
        private int index;

        Columns(Row row) {
            this.row = row;
        }

        UUID uuid() {
            return row.getUUID(index++);
        }

        String string() {
            return row.getString(index++);
        }

        Boolean bool() {
            return row.getBoolean(index++);
        }

        long number() {
            return row.getLong(index++);
        }

        BigDecimal decimal() {
            return row.getBigDecimal(index++);
        }

        Instant instant() {
            OffsetDateTime value = row.getOffsetDateTime(index++);
            return value == null ? null : value.toInstant();
        }

        /** A text column as an enum or a value type; null stays null. */
        <T> T value(Function<String, T> of) {
            String text = row.getString(index++);
            return text == null ? null : of.apply(text);
        }
    }
}
