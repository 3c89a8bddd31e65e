package org.jkeras.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Python {@code str.format} file name template as {@link ModelCheckpoint} takes it:
 * {@code weights.{epoch:02d}-{val_loss:.2f}.keras} names fields ({@code epoch}, {@code batch}, any log key), each
 * with an optional format spec of Python's mini-language ({@link PythonFormat#format}); {@code {{} and {@code }}}
 * are literal braces. {@code epoch} and {@code batch} are integers, log values floats.
 *
 * <pre>{@code
 * FilepathTemplate t = FilepathTemplate.parse("ck.{epoch:02d}-{val_loss:.2f}.keras");
 * t.format(Map.of("epoch", 1, "val_loss", 1.2008));   // "ck.01-1.20.keras"
 * }</pre>
 */
public final class FilepathTemplate {
    private final String template;
    private final List<Object> parts; // String literals and Field
    private final Set<String> fields;

    private record Field(String name, String spec) {}

    private FilepathTemplate(String template, List<Object> parts, Set<String> fields) {
        this.template = template;
        this.parts = parts;
        this.fields = fields;
    }

    /** Parses {@code template}; braces that do not pair are an error, as in Python. */
    public static FilepathTemplate parse(String template) {
        if (template == null) {
            throw new IllegalArgumentException("filepath is null; pass a file name such as \"model.{epoch:02d}.keras\".");
        }
        List<Object> parts = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        int i = 0, n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < n && template.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < n && template.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw bad(template, "a '{' at position " + i + " is never closed");
                }
                String inside = template.substring(i + 1, close);
                int colon = inside.indexOf(':');
                String name = colon < 0 ? inside : inside.substring(0, colon);
                String spec = colon < 0 ? "" : inside.substring(colon + 1);
                if (name.isEmpty() || name.contains("{")) {
                    throw bad(template, "the field at position " + i + " has no name (write {epoch}, {val_loss:.2f}, ...)");
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(new Field(name, spec));
                fields.add(name);
                i = close + 1;
            } else if (c == '}') {
                throw bad(template, "a single '}' at position " + i + " (write '}}' for a literal brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new FilepathTemplate(template, parts, Collections.unmodifiableSet(fields));
    }

    private static IllegalArgumentException bad(String template, String why) {
        return new IllegalArgumentException("Invalid filepath template \"" + template + "\": " + why + ".");
    }

    /** The field names the template uses, in order of first use. */
    public Set<String> fields() {
        return fields;
    }

    /**
     * Fills the template from {@code values} (Integer for epoch/batch, Double for logs).
     *
     * @throws IllegalArgumentException naming a field that {@code values} lacks and the keys it has
     */
    public String format(Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String) {
                out.append((String) p);
                continue;
            }
            Field f = (Field) p;
            Object v = values.get(f.name);
            if (v == null) {
                throw new IllegalArgumentException("Failed to format this callback filepath: \"" + template + "\". Reason: '"
                        + f.name + "' is not logged; the keys are " + values.keySet() + ". Name one of them, or monitor a "
                        + "quantity that is logged (val_* keys need validation data).");
            }
            try {
                out.append(PythonFormat.format(v, f.spec));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Failed to format this callback filepath: \"" + template
                        + "\". Reason: field {" + f.name + ":" + f.spec + "}: " + e.getMessage(), e);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return template;
    }
}
