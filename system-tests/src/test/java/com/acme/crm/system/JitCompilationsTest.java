package com.acme.crm.system;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitCompilationsTest {

    @Test
    void readsTheCountAndTheTimeOfJstatsCompilerLine() {
        String output = "Compiled Failed Invalid   Time   FailedType FailedMethod\n"
                + "   25742      1       0    68.37          1 org/example/Some method\n";

        assertEquals(Optional.of(new JitCompilations(25742, 68.37)), JitCompilations.parse(output));
    }

    @Test
    void nothingWhenJstatAnsweredSomethingElse() {
        assertTrue(JitCompilations.parse("12345 not found\n").isEmpty());
    }

    @Test
    void thisJvmHasCompiledSomething() {
        JitCompilations now = JitCompilations.of(ProcessHandle.current().pid()).orElseThrow();

        assertTrue(now.compiled() > 0, now.toString());
    }

    @Test
    void theDifferenceOfTwoReadings() {
        assertEquals(new JitCompilations(891, 11.5), new JitCompilations(25103, 97.0).since(new JitCompilations(24212, 85.5)));
    }
}
