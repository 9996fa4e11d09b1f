package com.acme.crm.lead.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to a reactivation: the lead's fields, plus what an earlier qualification made, so the caller need not make them twice. */
public record ReactivatedLead(@JsonUnwrapped LeadView lead, RelatedRecords relatedRecords) {
}
