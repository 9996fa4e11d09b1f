package com.acme.crm.lead.qualification;

/** Where one qualification attempt is; everything but IN_PROGRESS is final. */
public enum QualificationStatus {
    IN_PROGRESS, DUPLICATES_FOUND, COMPLETED, FAILED;

    public boolean isFinal() {
        return this != IN_PROGRESS;
    }
}
