package com.acme.crm.lead.attachments;

import com.acme.crm.common.problems.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plain decisions of attachments: ranges, file names, Content-Disposition (plain JUnit). */
class AttachmentRulesTest {

    @Test
    void rangesAreOneRangeOrTheWholeFile() {
        assertEquals(new ByteRange(0, 99, false), ByteRange.of(null, 100));
        assertEquals(new ByteRange(10, 19, true), ByteRange.of("bytes=10-19", 100));
        assertEquals(new ByteRange(10, 99, true), ByteRange.of("bytes=10-", 100));
        assertEquals(new ByteRange(90, 99, true), ByteRange.of("bytes=-10", 100));
        assertEquals(new ByteRange(0, 99, true), ByteRange.of("bytes=-500", 100));
        assertEquals(new ByteRange(50, 99, true), ByteRange.of("bytes=50-5000", 100));
        assertEquals(new ByteRange(0, 99, false), ByteRange.of("bytes=0-1,5-6", 100)); // several: the whole file
        assertEquals(new ByteRange(0, 99, false), ByteRange.of("bytes=9-3", 100));     // invalid: ignored
        assertEquals(new ByteRange(0, 99, false), ByteRange.of("items=1-2", 100));
        assertEquals(416, assertThrows(ProblemException.class, () -> ByteRange.of("bytes=100-", 100)).problem().status());
        assertEquals(416, assertThrows(ProblemException.class, () -> ByteRange.of("bytes=-0", 100)).problem().status());
        assertEquals("bytes 10-19/100", ByteRange.of("bytes=10-19", 100).contentRange(100));
    }

    @Test
    void fileNamesArePlainNames() {
        assertNull(UploadRules.fileNameProblem("Angebot (final) – v2.pdf"));
        for (String bad : new String[]{"a/b", "a\\b", "tab\there", "nl\n", "del\u007f", "ls\u2028", ".", "..", "x".repeat(256)}) {
            assertEquals(false, UploadRules.fileNameProblem(bad) == null, bad);
        }
        Path any = Path.of("x");
        assertEquals(413, assertThrows(ProblemException.class, () -> UploadRules.check(any, "a", null, 11, null, 10)).problem().status());
        assertEquals(400, assertThrows(ProblemException.class, () -> UploadRules.check(any, "a", null, 0, null, 10)).problem().status());
        assertEquals(400, assertThrows(ProblemException.class, () -> UploadRules.check(null, null, null, 0, null, 10)).problem().status());
        assertEquals(400, assertThrows(ProblemException.class, () -> UploadRules.check(any, "a", "text/*", 1, null, 10)).problem().status());
        assertEquals("application/octet-stream", UploadRules.check(any, "a", " ", 1, " ", 10).mediaType());
        assertNull(UploadRules.check(any, "a", null, 1, " ", 10).note());
    }

    @Test
    void theDispositionCarriesTheNameInUtf8AndAnAsciiFallback() {
        assertEquals("attachment; filename=\"a_b _.txt\"; filename*=UTF-8''a%22b%20%C3%A4.txt", ContentDisposition.attachment("a\"b ä.txt"));
    }
}
