package com.acme.crm.testinfra;

/**
 * Text that is as large as possible on the wire for its length: control characters and quotes
 * that JSON escapes (up to 6 bytes each), accents, CJK and emoji (multi-byte UTF-8, surrogate pairs).
 */
public final class HardText {

    private static final String PATTERN = "\u0001\"\\\n\té中😀a\u001f";

    private HardText() {
    }

    /** {@code length} UTF-16 units of the pattern; never ends in half a surrogate pair. */
    public static String of(int length) {
        StringBuilder text = new StringBuilder(length + PATTERN.length());
        while (text.length() < length) {
            text.append(PATTERN);
        }
        text.setLength(length);
        if (length > 0 && Character.isHighSurrogate(text.charAt(length - 1))) {
            text.setCharAt(length - 1, '\u0002');
        }
        return text.toString();
    }
}
