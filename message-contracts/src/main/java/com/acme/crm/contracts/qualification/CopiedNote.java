package com.acme.crm.contracts.qualification;

import java.time.Instant;

/** A lead note, copied to the opportunity with its original author and time. */
public record CopiedNote(String text, String author, Instant createdAt) {
}
