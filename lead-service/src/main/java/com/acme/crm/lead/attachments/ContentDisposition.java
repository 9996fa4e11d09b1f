package com.acme.crm.lead.attachments;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with the file name in RFC 6266/8187 form
 * ({@code filename*=UTF-8''…}, percent-encoded), plus a plain ASCII {@code filename} fallback for old
 * clients. Written by hand: a dozen lines, and the JDK's URLEncoder encodes for forms, not RFC 8187.
 */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        for (char c : fileName.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded(fileName);
    }

    /** RFC 8187 attr-char stays; every other byte of the UTF-8 form is %XX. */
    static String encoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
