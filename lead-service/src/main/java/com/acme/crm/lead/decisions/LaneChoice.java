package com.acme.crm.lead.decisions;

import com.acme.crm.contracts.Lane;
import com.acme.crm.lead.qualification.QualificationStatus;

/**
 * Which lane a new attempt takes, decided once when it starts and kept on the attempt, so that every
 * message of it (commands, replies, undos, late replies, note chunks) travels on the same topics.
 *
 * <p>A bulk job's attempt takes the bulk lane, any other (a user waiting for it) the interactive lane:
 * bulk never starves single calls. One exception keeps a lead's messages in order across its attempts:
 * when the lead's previous attempt failed, its undos may still wait on that attempt's lane (behind a
 * job's backlog), and the account service must see them before the new attempt's resolve, or it would
 * report (or link) the failed attempt's records as duplicates of the lead's own. So the new attempt
 * follows the failed one's lane, where Kafka keeps the lead's messages in order. A completed or
 * duplicates-found attempt leaves nothing in flight, so the next one takes its own lane.
 */
public final class LaneChoice {

    private LaneChoice() {
    }

    /**
     * @param forJob   the attempt is one lead of a bulk job
     * @param previous the lead's latest attempt before this one (null: it has none)
     */
    public static Lane of(boolean forJob, Attempt previous) {
        if (previous != null && previous.status() == QualificationStatus.FAILED) {
            return previous.lane();
        }
        return forJob ? Lane.BULK : Lane.INTERACTIVE;
    }
}
