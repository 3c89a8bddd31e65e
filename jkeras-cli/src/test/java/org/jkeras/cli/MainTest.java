package org.jkeras.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jkeras.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line hygiene: usage, option checks before any work, one-line errors, --debug. */
class MainTest {
    @Test
    void noArgumentsPrintsUsageAndExits1() {
        CliRun r = CliRun.of();
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().startsWith("Usage: jkeras"), r.all());
        assertTrue(r.err().contains("demo"), "the usage lists the subcommands: " + r.all());
        assertEquals("", r.out());
    }

    @Test
    void helpExits0() {
        CliRun r = CliRun.of("demo", "--help");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("--batch-size") && r.out().contains("--debug"), r.all());
    }

    @Test
    void badOptionValuesFailAtOnceWithOneLine() {
        assertBadOption("--batch-size must be a positive number of samples; received: 0", "demo", "--batch-size", "0");
        assertBadOption("--epochs must be a positive number of epochs; received: -1", "demo", "--epochs", "-1");
        assertBadOption("--validation-split must be in [0, 1); received: 1.0", "demo", "--validation-split", "1");
        assertBadOption("--verbose must be 0 (silent), 1 (progress bar) or 2", "demo", "--verbose", "3");
        assertBadOption("--save must name a .keras file", "demo", "--save", "model.txt");
        assertBadOption("does not exist", "demo", "--save", "/no/such/folder/m.keras");
        assertBadOption("'many' is not an int", "demo", "--epochs", "many");
        assertBadOption("Unknown option: '--nope'", "demo", "--nope");
    }

    /** Exit code 1 (usage), nothing on stdout (no data loaded, no summary), exactly one line on stderr. */
    private static void assertBadOption(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(1, r.code(), r.all());
        assertEquals("", r.out(), "nothing runs before the options are checked: " + r.all());
        assertEquals(1, r.err().lines().count(), "one line: " + r.all());
        assertTrue(r.err().startsWith("jkeras: ") && r.err().contains(expected), r.all());
        assertTrue(r.err().contains("(see 'jkeras demo --help')"), r.all());
    }

    @Test
    void aFailureWhileRunningIsOneLineExit2AndDebugAddsTheStackTrace(@TempDir Path dir) throws IOException {
        for (String f : FashionMnist.FILES) {
            Files.writeString(dir.resolve(f), "not a gzip file");   // found by the local lookup, then unreadable
        }
        String saved = System.getProperty("jkeras.datasets");
        System.setProperty("jkeras.datasets", dir.toString());
        try {
            CliRun r = CliRun.of("demo", "--epochs", "1");
            assertEquals(2, r.code(), r.all());
            assertEquals(1, r.err().lines().count(), "one line: " + r.all());
            assertTrue(r.err().startsWith("jkeras: error: ") && r.err().contains("(run with --debug for the stack trace)"),
                    r.all());
            assertTrue(!r.err().contains("\tat "), r.all());

            CliRun d = CliRun.of("demo", "--epochs", "1", "--debug");
            assertEquals(2, d.code(), d.all());
            assertTrue(d.err().startsWith("jkeras: error: "), d.all());
            assertTrue(d.err().contains("\tat org.jkeras.data.FashionMnist"), "the stack trace: " + d.all());
        } finally {
            if (saved == null) {
                System.clearProperty("jkeras.datasets");
            } else {
                System.setProperty("jkeras.datasets", saved);
            }
        }
    }
}
