package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.lead.access.LeadAccess;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rights a bulk job's leads start with: the submitter's as stored with the job, judged as LeadAccess judges a caller. */
class JobSubmitterTest {

    private final LeadAccess access = new LeadAccess();

    @Test
    void aSalespersonMayQualifyOnlyTheLeadsTheyOwnNow() {
        JobSubmitter alice = JobSubmitter.stored("alice", "salesperson");
        assertTrue(alice.maySee(ownedBy("alice"), access));
        assertFalse(alice.maySee(ownedBy("bob"), access));
    }

    @Test
    void managersAndAdminsMayQualifyEveryLead() {
        assertTrue(JobSubmitter.stored("carol", "sales-manager").maySee(ownedBy("bob"), access));
        assertTrue(JobSubmitter.stored("dave", "admin,salesperson").maySee(ownedBy("bob"), access));
    }

    @Test
    void rolesAreStoredSortedAndReadBack() {
        JobSubmitter stored = new JobSubmitter("dave", Set.of("salesperson", "admin"));
        assertEquals("admin,salesperson", stored.storedRoles());
        assertEquals(stored, JobSubmitter.stored("dave", stored.storedRoles()));
        assertEquals(Set.of(), JobSubmitter.stored("eve", "").roles(), "no roles at all: sees only their own leads");
        assertFalse(JobSubmitter.stored("eve", "").maySee(ownedBy("bob"), access));
    }

    @Test
    void aJobStoredWithoutRolesKeepsTheCheckItHadWhenItWasMade() {
        assertTrue(JobSubmitter.stored("alice", null).maySee(ownedBy("bob"), access));
    }

    private static String ownedBy(String owner) {
        return owner;
    }
}
