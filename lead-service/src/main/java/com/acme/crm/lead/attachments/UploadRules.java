package com.acme.crm.lead.attachments;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
import jakarta.ws.rs.core.MediaType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an upload must be (SPEC §10), decided before anything is stored: a non-empty file of at most
 * the configured size (413 beyond), with a plain file name (no path separators, no control
 * characters: it is given back in Content-Disposition and on other systems' disks), a valid media
 * type and a note of at most {@link #MAX_NOTE} characters.
 */
public final class UploadRules {

    public static final int MAX_FILE_NAME = 255;
    public static final int MAX_MEDIA_TYPE = 255;
    public static final int MAX_NOTE = 2000;
    static final String DEFAULT_MEDIA_TYPE = MediaType.APPLICATION_OCTET_STREAM;

    private UploadRules() {
    }

    /** {@code file} is null when the request had no file part with a file name. */
    public static CheckedUpload check(Path file, String fileName, String mediaType, long size, String note, long maxSize) {
        if (size > maxSize) {
            throw new ProblemException(Problem.of(413, "file-too-large", "Content Too Large",
                    "the file has " + size + " bytes; an attachment may have at most " + maxSize)
                    .withExtensions(Map.of("maxSize", maxSize)));
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (file == null || fileName == null || fileName.isBlank()) {
            violations.add(new Problem.Violation("file", "a multipart part named file, with a file name, is required"));
        } else {
            String nameProblem = fileNameProblem(fileName);
            if (nameProblem != null) {
                violations.add(new Problem.Violation("file", nameProblem));
            } else if (size == 0) {
                violations.add(new Problem.Violation("file", "the file is empty"));
            }
        }
        String type = mediaType == null || mediaType.isBlank() ? DEFAULT_MEDIA_TYPE : mediaType.trim();
        if (!validMediaType(type)) {
            violations.add(new Problem.Violation("file", "the file part's Content-Type is not a valid media type"));
        }
        if (note != null && note.length() > MAX_NOTE) {
            violations.add(new Problem.Violation("note", "at most " + MAX_NOTE + " characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("the upload is not valid", violations);
        }
        return new CheckedUpload(file, size, fileName, type, note == null || note.isBlank() ? null : note);
    }

    /** Why the name cannot be a file's name, or null when it can. */
    static String fileNameProblem(String name) {
        if (name.length() > MAX_FILE_NAME) {
            return "the file name has more than " + MAX_FILE_NAME + " characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "the file name is not a name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "the file name must not contain a path separator";
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return "the file name must not contain control characters";
            }
        }
        return null;
    }

    private static boolean validMediaType(String type) {
        if (type.length() > MAX_MEDIA_TYPE || type.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            return false;
        }
        try {
            MediaType parsed = MediaType.valueOf(type);
            return !parsed.isWildcardType() && !parsed.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
