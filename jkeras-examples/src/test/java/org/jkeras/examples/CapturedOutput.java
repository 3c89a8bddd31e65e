package org.jkeras.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * (A copy of jkeras-core's test helper org.jkeras.testing.CapturedOutput: test classes are not shared between
 * modules.) Runs code with System.out and System.err captured, so a test can check what it prints (a warning, a progress
 * line) without printing it into the build log. Tests whose output is not under test pass {@code verbose(0)}
 * instead.
 *
 * <pre>{@code
 * CapturedOutput<Model> r = CapturedOutput.of(() -> Models.load(path));
 * assertTrue(r.err().contains("was loaded but not compiled"), r.err());
 * Model m = r.value();
 * }</pre>
 *
 * @param value what the code returned
 * @param out   what it printed to System.out
 * @param err   what it printed to System.err
 */
record CapturedOutput<T>(T value, String out, String err) {
    /** Runs {@code body} with both streams captured; an exception from it propagates (the streams are restored). */
    static <T> CapturedOutput<T> of(ThrowingSupplier<T> body) {
        PrintStream savedOut = System.out, savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        T value;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            value = body.get();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new CapturedOutput<>(value, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
