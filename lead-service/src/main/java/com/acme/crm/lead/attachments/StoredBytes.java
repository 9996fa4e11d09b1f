package com.acme.crm.lead.attachments;

/** What storing an upload's bytes found: how many there were and their hex SHA-256. */
public record StoredBytes(long size, String sha256) {
}
