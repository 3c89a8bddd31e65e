package org.jkeras.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of README.md, turned into a Java source file that compiles as the block stands. The
 * rule, kept simple so that anyone adding a snippet knows what to write:
 * <ul>
 *   <li>A block that declares a top-level public type (a line starting with {@code public class},
 *       {@code public final class}, {@code public abstract class}, {@code public record}, {@code public interface}
 *       or {@code public enum}) is a <b>compilation unit</b>: imports, then the type, exactly as a file would hold it.
 *       It is compiled, not run.</li>
 *   <li>Any other block is a <b>method body</b>: its {@code import} lines come first (only blank lines and
 *       {@code //} comments may come before or between them), the rest is the body of a
 *       {@code static void run() throws Exception}. It declares every variable it
 *       uses (local classes and records are fine). It is compiled and then run, in a fresh JVM whose working
 *       directory is an empty temporary folder (so relative paths such as {@code Path.of("model.keras")} land there),
 *       unless its first line is the comment {@code // compile only} (for code that downloads data or runs long).</li>
 * </ul>
 * Each block goes into its own package ({@code readme.s1}, {@code readme.s2}, ...), so names may repeat between
 * blocks. Lines are not shifted: line {@code n} of the generated file is line {@code n} of the block, so a compiler
 * message maps straight back to a README line.
 *
 * <pre>{@code
 * List<ReadmeSnippet> all = ReadmeSnippet.parse(Files.readString(readme));
 * String source = all.get(0).source();   // package readme.s1; import ...; public class Snippet { ... }
 * }</pre>
 *
 * @param index      1-based position among the README's java blocks
 * @param readmeLine README line of the block's first line (the line after {@code ```java})
 * @param lines      the block's lines
 */
record ReadmeSnippet(int index, int readmeLine, List<String> lines) {
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:final\\s+|abstract\\s+)?(?:class|record|interface|enum)\\s+(\\w+)");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+[\\w.*]+\\s*;\\s*$");
    /** The class a method-body block is wrapped in. */
    static final String WRAPPER = "Snippet";

    /** Every {@code ```java} block of a Markdown text, in order. */
    static List<ReadmeSnippet> parse(String markdown) {
        List<ReadmeSnippet> out = new ArrayList<>();
        String[] all = markdown.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            if (all[i].strip().equals("```java")) {
                int start = i + 1;
                int end = start;
                while (end < all.length && !all[end].strip().equals("```")) {
                    end++;
                }
                if (end == all.length) {
                    throw new IllegalArgumentException("README.md line " + (i + 1) + ": ```java block is never closed");
                }
                out.add(new ReadmeSnippet(out.size() + 1, start + 1, List.of(all).subList(start, end)));
                i = end;
            }
        }
        return out;
    }

    /** The package the block is compiled in. */
    String packageName() {
        return "readme.s" + index;
    }

    /** The public type a compilation-unit block declares, or null for a method body. */
    String declaredType() {
        for (String l : lines) {
            Matcher m = PUBLIC_TYPE.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The simple name of the generated class: the declared type, or {@link #WRAPPER}. */
    String className() {
        String t = declaredType();
        return t != null ? t : WRAPPER;
    }

    /** Fully qualified name of the generated class. */
    String qualifiedName() {
        return packageName() + "." + className();
    }

    /** Method-body blocks run unless they start with {@code // compile only}. */
    boolean runnable() {
        return declaredType() == null && !(lines.size() > 0 && lines.get(0).strip().equals("// compile only"));
    }

    /** The Java source: the block with a package clause (and for a method body, the wrapper) added on its lines. */
    String source() {
        StringBuilder s = new StringBuilder();
        boolean body = declaredType() == null;
        boolean inHeader = true;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i == 0) {
                s.append("package ").append(packageName()).append("; ");
            }
            if (body && inHeader && !l.isBlank() && !l.strip().startsWith("//") && !IMPORT.matcher(l.strip()).matches()) {
                inHeader = false;
                s.append("public class ").append(WRAPPER).append(" { public static void run() throws Exception { ");
            }
            s.append(l).append('\n');
        }
        if (body) {
            s.append(inHeader ? "public class " + WRAPPER + " { public static void run() { " : "").append("}}\n");
        }
        return s.toString();
    }
}
