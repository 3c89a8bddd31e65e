package org.jkeras.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The extraction rule of {@link ReadmeSnippet}, on small Markdown texts (no compiler involved). */
class ReadmeSnippetTest {
    private static final String MARKDOWN = String.join("\n",
            "# title",
            "```bash",
            "mvn -q verify",
            "```",
            "```java",
            "import java.util.List;",
            "",
            "List<String> names = List.of(\"a\");",
            "System.out.println(names);",
            "```",
            "text",
            "```java",
            "import java.util.Map;",
            "public final class Tool {",
            "}",
            "```",
            "```java",
            "// compile only",
            "import java.nio.file.Path;",
            "Path p = Path.of(\"x\");",
            "```",
            "");

    @Test
    void onlyJavaBlocksAreTakenWithTheirReadmeLines() {
        List<ReadmeSnippet> all = ReadmeSnippet.parse(MARKDOWN);
        assertEquals(3, all.size());
        assertEquals(List.of(6, 13, 18), all.stream().map(ReadmeSnippet::readmeLine).toList());
        assertEquals(List.of("import java.util.Map;", "public final class Tool {", "}"), all.get(1).lines());
    }

    @Test
    void aMethodBodyKeepsItsImportsOnTopAndItsLinesInPlace() {
        ReadmeSnippet s = ReadmeSnippet.parse(MARKDOWN).get(0);
        assertEquals("readme.s1.Snippet", s.qualifiedName());
        assertTrue(s.runnable());
        assertEquals(String.join("\n",
                "package readme.s1; import java.util.List;",
                "",
                "public class Snippet { public static void run() throws Exception { List<String> names = List.of(\"a\");",
                "System.out.println(names);",
                "}}", ""), s.source());
    }

    @Test
    void aPublicTypeIsACompilationUnitAndIsNotRun() {
        ReadmeSnippet s = ReadmeSnippet.parse(MARKDOWN).get(1);
        assertEquals("readme.s2.Tool", s.qualifiedName());
        assertFalse(s.runnable());
        assertEquals("package readme.s2; import java.util.Map;\npublic final class Tool {\n}\n", s.source());
    }

    @Test
    void compileOnlyBlocksAreNotRunAndMayPrecedeTheImports() {
        ReadmeSnippet s = ReadmeSnippet.parse(MARKDOWN).get(2);
        assertFalse(s.runnable());
        assertEquals(String.join("\n",
                "package readme.s3; // compile only",
                "import java.nio.file.Path;",
                "public class Snippet { public static void run() throws Exception { Path p = Path.of(\"x\");",
                "}}", ""), s.source());
    }

    @Test
    void anUnclosedBlockIsReportedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadmeSnippet.parse("a\n```java\nint x = 1;\n"));
        assertEquals("README.md line 2: ```java block is never closed", e.getMessage());
    }
}
