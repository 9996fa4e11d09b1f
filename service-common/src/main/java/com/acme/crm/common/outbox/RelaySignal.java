package com.acme.crm.common.outbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the relays' NOTIFY ({@link OutboxRelay#SIGNAL}) says: the lane whose rows committed (none: every lane) and the
 * replica that committed them (none: a writer that does not say, e.g. a replica of before this or a set-aside replay).
 * A replica hears its own NOTIFYs too; it woke the lane's relay in process at that commit already, so a signal it sent
 * itself is no news ({@link #sentBy}): acting on it cost a second round of the relay (BEGIN, lock and select, then
 * COMMIT) after each writing commit, for nothing. Payloads are SQL identifiers ({@link #payload}): {@code interactive},
 * {@code other}, either followed by {@code _from_} and the replica's name, or empty. Plain, no I/O.
 */
record RelaySignal(Optional<RelayLane> lane, Optional<String> sender) {

    private static final String FROM = "_from_";

    /** A signal for {@code lane}'s rows, committed by {@code replica}. */
    static RelaySignal of(RelayLane lane, String replica) {
        return new RelaySignal(Optional.of(lane), Optional.of(replica));
    }

    /** What a payload says; null (a (re)subscription, when any signal may have been missed) or an unknown one: every lane. */
    static RelaySignal parse(String payload) {
        if (payload == null) {
            return new RelaySignal(Optional.empty(), Optional.empty());
        }
        int from = payload.indexOf(FROM);
        String lane = from < 0 ? payload : payload.substring(0, from);
        Optional<String> sender = from < 0 ? Optional.empty() : Optional.of(payload.substring(from + FROM.length()));
        return new RelaySignal(RelayLane.named(lane), sender);
    }

    /** The NOTIFY payload: the lane's name, and the sender's after {@code _from_} when it has one. */
    String payload() {
        return lane.map(RelayLane::signal).orElse("") + sender.map(name -> FROM + name).orElse("");
    }

    /** Whether {@code replica} sent it. */
    boolean sentBy(String replica) {
        return sender.filter(replica::equals).isPresent();
    }

    /** A name for this process among the service's replicas (lower-case letters and digits, as a payload needs). */
    static String newReplicaName() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return "r" + HexFormat.of().formatHex(random);
    }
}
