package org.jkeras.examples;

/**
 * Runs compiled README snippets in a child JVM (see {@link ReadmeSnippetsTest}): for each class name given, calls its
 * static {@code run()} and prints a marker line after it, {@code @@snippet NAME ok} or (after the stack trace)
 * {@code @@snippet NAME failed}, so the test can tell which snippet printed what.
 *
 * <pre>{@code
 * java -cp CLASSES:TEST_CLASSPATH org.jkeras.examples.ReadmeSnippetRunner readme.s1.Snippet readme.s2.Snippet
 * }</pre>
 */
final class ReadmeSnippetRunner {
    static final String MARKER = "@@snippet ";

    private ReadmeSnippetRunner() {
    }

    public static void main(String[] args) {
        for (String name : args) {
            Throwable failure = null;
            try {
                Class.forName(name).getMethod("run").invoke(null);
            } catch (java.lang.reflect.InvocationTargetException e) {
                failure = e.getCause();
            } catch (ReflectiveOperationException | RuntimeException e) {
                failure = e;
            }
            System.err.flush();
            if (failure != null) {
                failure.printStackTrace(System.out);
            }
            System.out.println(MARKER + name + (failure == null ? " ok" : " failed"));
            System.out.flush();
        }
        System.exit(0); // snippets may leave non-daemon threads (e.g. a compute pool) behind
    }
}
