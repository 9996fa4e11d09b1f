package com.acme.crm.lead.qualification.bulk;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which attempts a job row may name, by their idempotency key: what decides whether an attempt's end writes a job row. */
class JobAttemptKeyTest {

    @Test
    void theKeyAJobStartsItsAttemptsWith_marksThemAsPossiblyAJobs() {
        assertTrue(BulkJobs.mayBelongToJob(BulkJobs.attemptKey(UUID.randomUUID())));
    }

    @Test
    void anAttemptWithoutKey_orWithACallersOwnKey_belongsToNoJob() {
        assertFalse(BulkJobs.mayBelongToJob(null));
        assertFalse(BulkJobs.mayBelongToJob("order-4711"));
        assertFalse(BulkJobs.mayBelongToJob(UUID.randomUUID().toString()));
    }

    @Test
    void aCallersKeyThatLooksLikeAJobs_isTreatedAsOne_soTheUpdateRunsAndFindsNoRow() {
        assertTrue(BulkJobs.mayBelongToJob("job:not-a-job"));
    }
}
