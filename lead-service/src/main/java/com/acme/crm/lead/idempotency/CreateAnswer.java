package com.acme.crm.lead.idempotency;

/** What a create answered: replayed verbatim for a retry with the same key. */
public record CreateAnswer(int status, String location, String body) {
}
