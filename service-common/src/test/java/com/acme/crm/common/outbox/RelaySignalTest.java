package com.acme.crm.common.outbox;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the relays' NOTIFY says: the lane to wake, and who committed, so that a replica knows its own signals. */
class RelaySignalTest {

    /** What DatabaseSignals accepts as a payload. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    @Test
    void aReplicasSignalNamesTheLaneAndTheReplica() {
        String replica = RelaySignal.newReplicaName();
        for (RelayLane lane : RelayLane.values()) {
            String payload = RelaySignal.of(lane, replica).payload();
            assertTrue(IDENTIFIER.matcher(payload).matches(), payload);
            RelaySignal heard = RelaySignal.parse(payload);
            assertEquals(Optional.of(lane), heard.lane());
            assertTrue(heard.sentBy(replica), "its own signal: no news to it");
            assertFalse(heard.sentBy(RelaySignal.newReplicaName()), "another replica's: wakes the lane");
        }
    }

    @Test
    void replicasHaveNamesOfTheirOwn() {
        assertNotEquals(RelaySignal.newReplicaName(), RelaySignal.newReplicaName());
    }

    @Test
    void aSignalThatNamesNoSenderIsAlwaysNews() {
        String replica = RelaySignal.newReplicaName();
        RelaySignal older = RelaySignal.parse("interactive"); // a replica of before RelaySignal
        assertEquals(Optional.of(RelayLane.INTERACTIVE), older.lane());
        assertFalse(older.sentBy(replica));
        RelaySignal replay = RelaySignal.parse(""); // a set-aside replay: every lane
        assertTrue(replay.lane().isEmpty());
        assertFalse(replay.sentBy(replica));
        RelaySignal resubscribed = RelaySignal.parse(null); // a (re)subscription: every lane
        assertTrue(resubscribed.lane().isEmpty());
        assertFalse(resubscribed.sentBy(replica));
    }

    @Test
    void anUnknownLaneWakesEveryLane() {
        assertTrue(RelaySignal.parse("elsewhere_from_r1").lane().isEmpty());
    }
}
