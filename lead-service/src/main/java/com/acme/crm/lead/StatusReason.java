package com.acme.crm.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Why a lead is in its state (SPEC §3, §10). The system's reasons are constants; a disqualified lead
 * may also carry a reason the organisation defined, so this is a value, not an enum. A reason
 * compares by its code; system reasons always come back as the same constant, so {@code ==}
 * on them keeps working.
 */
@Schema(type = SchemaType.STRING, pattern = StatusReason.CODE_PATTERN,
        description = "NEW, CONTACTED, QUALIFIED, a system disqualification reason (LOST, CANNOT_CONTACT, "
                + "NO_LONGER_INTERESTED, CANCELED) or the code of one of the organisation's own disqualification reasons")
public final class StatusReason {

    public static final String CODE_PATTERN = "^[A-Z0-9_]{1,30}$";
    private static final Pattern CODE = Pattern.compile(CODE_PATTERN);

    public static final StatusReason NEW = new StatusReason("NEW", "New");
    public static final StatusReason CONTACTED = new StatusReason("CONTACTED", "Contacted");
    public static final StatusReason QUALIFIED = new StatusReason("QUALIFIED", "Qualified");
    public static final StatusReason LOST = new StatusReason("LOST", "Lost");
    public static final StatusReason CANNOT_CONTACT = new StatusReason("CANNOT_CONTACT", "Cannot contact");
    public static final StatusReason NO_LONGER_INTERESTED = new StatusReason("NO_LONGER_INTERESTED", "No longer interested");
    public static final StatusReason CANCELED = new StatusReason("CANCELED", "Canceled");

    public static final Set<StatusReason> OPEN_REASONS = Set.of(NEW, CONTACTED);
    /** The system's disqualification reasons, in the order the reason list shows them. */
    public static final List<StatusReason> SYSTEM_DISQUALIFY_REASONS = List.of(LOST, CANNOT_CONTACT, NO_LONGER_INTERESTED, CANCELED);
    public static final Set<StatusReason> DISQUALIFY_REASONS = Set.copyOf(SYSTEM_DISQUALIFY_REASONS);
    private static final Map<String, StatusReason> SYSTEM = Set.of(NEW, CONTACTED, QUALIFIED, LOST, CANNOT_CONTACT,
            NO_LONGER_INTERESTED, CANCELED).stream().collect(Collectors.toUnmodifiableMap(StatusReason::code, Function.identity()));

    private final String code;
    private final String label;

    private StatusReason(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The system reason of that code, or an organisation's reason without its label (the label lives in the reason list). */
    @JsonCreator
    public static StatusReason of(String code) {
        StatusReason system = SYSTEM.get(code);
        if (system != null) {
            return system;
        }
        if (!isCode(code)) {
            throw new IllegalArgumentException("must be upper-case letters, digits and _ (at most 30)");
        }
        return new StatusReason(code, null);
    }

    /** An organisation's reason with its current label, as the disqualify call resolved it. */
    public static StatusReason labelled(String code, String label) {
        StatusReason system = SYSTEM.get(code);
        return system != null ? system : new StatusReason(code, label);
    }

    public static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public static boolean isSystem(String code) {
        return SYSTEM.containsKey(code);
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The label when known here: always for system reasons, for an organisation's reason only when resolved. */
    public String label() {
        return label;
    }

    /** The enum-style name, kept for callers that used the enum. */
    public String name() {
        return code;
    }

    public LeadState state() {
        if (OPEN_REASONS.contains(this)) {
            return LeadState.OPEN;
        }
        return this.equals(QUALIFIED) ? LeadState.QUALIFIED : LeadState.DISQUALIFIED;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusReason reason && reason.code.equals(code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
