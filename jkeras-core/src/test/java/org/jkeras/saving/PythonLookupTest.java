package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Without an interpreter that imports h5py, the interop tests are aborted by an assumption (reported as skipped,
 * with the reason), never passed. Uses {@code -Djkeras.test.python} to point the lookup at nothing.
 */
class PythonLookupTest {
    @Test
    void aMissingInterpreterSkipsWithWhatWasTriedAndTheInstallCommand() {
        String saved = System.getProperty("jkeras.test.python");
        System.setProperty("jkeras.test.python", "/nonexistent/python3");
        try {
            assertEquals(List.of("/nonexistent/python3"), PythonInteropTest.candidates());
            assertEquals(Optional.empty(), PythonInteropTest.findPython());
            TestAbortedException e = assertThrows(TestAbortedException.class, PythonInteropTest::python);
            assertTrue(e.getMessage().contains("Python 3 with h5py not found (tried /nonexistent/python3)")
                    && e.getMessage().contains("apt-get install -y python3-h5py"), e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty("jkeras.test.python");
            } else {
                System.setProperty("jkeras.test.python", saved);
            }
        }
    }
}
