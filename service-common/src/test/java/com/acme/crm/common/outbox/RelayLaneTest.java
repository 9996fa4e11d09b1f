package com.acme.crm.common.outbox;

import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which relay sends a topic's rows: the interactive lane's topics have their own, every other topic the other. */
class RelayLaneTest {

    @Test
    void theInteractiveLanesTopicsHaveTheirOwnRelay() {
        for (String topic : List.of(Lane.INTERACTIVE.accountCommands(), Lane.INTERACTIVE.opportunityCommands(),
                Lane.INTERACTIVE.replies())) {
            assertEquals(RelayLane.INTERACTIVE, RelayLane.of(topic), topic);
        }
        for (String topic : List.of(Lane.BULK.accountCommands(), Lane.BULK.opportunityCommands(), Lane.BULK.replies(),
                Topics.LEAD_EVENTS, Topics.ACCOUNT_EVENTS, Topics.OPPORTUNITY_EVENTS)) {
            assertEquals(RelayLane.OTHER, RelayLane.of(topic), topic);
        }
    }

    @Test
    void itAgreesWithTheContractsOnEveryTopicTheServicesWriteTo() {
        for (String topic : Topics.ALL) {
            if (!topic.endsWith(".dlq")) { // written by the consumers' failure strategy, never through the outbox
                assertEquals(Topics.isInteractive(topic), RelayLane.of(topic) == RelayLane.INTERACTIVE, topic);
            }
        }
    }

    @Test
    void theLanesOfABatchOfRows() {
        assertEquals(EnumSet.of(RelayLane.OTHER), RelayLane.of(List.of(Topics.LEAD_EVENTS, Topics.ACCOUNT_COMMANDS)));
        assertEquals(EnumSet.allOf(RelayLane.class),
                RelayLane.of(List.of(Topics.LEAD_EVENTS, Topics.QUALIFICATION_REPLIES_INTERACTIVE)));
        assertTrue(RelayLane.of(List.of()).isEmpty());
    }

    @Test
    void theNotifyPayloadNamesTheLaneToWake() {
        assertEquals(java.util.Optional.of(RelayLane.INTERACTIVE), RelayLane.named("interactive"));
        assertEquals(java.util.Optional.of(RelayLane.OTHER), RelayLane.named("other"));
        assertTrue(RelayLane.named("").isEmpty(), "the trigger of before V86: every lane");
        assertTrue(RelayLane.named(null).isEmpty(), "a reconnection: every lane");
    }

    @Test
    void eachLaneHasALockOfItsOwn() {
        assertNotEquals(RelayLane.INTERACTIVE.lock(), RelayLane.OTHER.lock());
        assertEquals(7_413_289_001L, RelayLane.OTHER.lock(), "the single relay's lock of before, for a rolling upgrade");
    }
}
