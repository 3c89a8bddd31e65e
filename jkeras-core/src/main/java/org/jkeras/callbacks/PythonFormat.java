package org.jkeras.callbacks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's number formatting, as Keras's callbacks print and name files with it: {@link #repr} is Python's
 * {@code str(float)} (shortest round-trip digits, {@code 1e-05}, {@code 0.1}, {@code 1.0}, {@code nan}) and
 * {@link #format} applies one format spec of Python's mini-language ({@code 02d}, {@code .2f}, {@code .5f},
 * {@code e}, {@code g}, {@code %}, width, fill, alignment, sign). Rounding is on the exact binary value with ties
 * to even, as CPython's.
 *
 * <pre>{@code
 * PythonFormat.repr(0.025);             // "0.025"
 * PythonFormat.format(3, "02d");        // "03"
 * PythonFormat.format(1.2008302, ".2f"); // "1.20"
 * }</pre>
 */
public final class PythonFormat {
    private PythonFormat() {}

    /** Python's {@code str(x)} / {@code repr(x)} for a float. */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(x);
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // decimal exponent of the first digit
        String sign = x < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + pad2(Math.abs(exponent));
        }
        String plain = shortest.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    private static String pad2(int e) {
        return e < 10 ? "0" + e : Integer.toString(e);
    }

    /** The fewest significant digits that parse back to {@code x}, trailing zeros stripped. */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == x) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /**
     * Formats {@code value} (an Integer/Long, a Double/Float or a String) with the Python format spec {@code spec}
     * ({@code [[fill]align][sign][0][width][.precision][type]}), as {@code format(value, spec)} does.
     *
     * @throws IllegalArgumentException for a spec Python rejects, e.g. {@code d} on a float
     */
    public static String format(Object value, String spec) {
        Spec s = Spec.parse(spec);
        String body;
        boolean numeric = value instanceof Number;
        if (value instanceof String) {
            if (s.type != 0 && s.type != 's') {
                throw new IllegalArgumentException("Unknown format code '" + s.type + "' for object of type 'str'");
            }
            body = s.precision >= 0 && s.precision < ((String) value).length()
                    ? ((String) value).substring(0, s.precision) : (String) value;
            return align(body, "", s, '<');
        }
        if (!numeric) {
            throw new IllegalArgumentException("Cannot format " + value + " (" + (value == null ? "null"
                    : value.getClass().getSimpleName()) + "); expected a number or a string.");
        }
        boolean integer = value instanceof Integer || value instanceof Long;
        String sign;
        if (integer && (s.type == 0 || s.type == 'd')) {
            if (s.precision >= 0) {
                throw new IllegalArgumentException("Precision not allowed in integer format specifier '" + spec + "'");
            }
            long v = ((Number) value).longValue();
            sign = v < 0 ? "-" : s.sign == '+' ? "+" : s.sign == ' ' ? " " : "";
            body = Long.toString(Math.abs(v));
        } else {
            if (s.type == 'd') {
                throw new IllegalArgumentException("Unknown format code 'd' for object of type 'float' (spec '" + spec
                        + "'); use e.g. '.2f' for a float such as a loss, 'd' only for epoch and batch.");
            }
            double v = ((Number) value).doubleValue();
            boolean negative = v < 0 || (v == 0 && 1 / v < 0);
            sign = negative ? "-" : s.sign == '+' ? "+" : s.sign == ' ' ? " " : "";
            body = floatBody(Math.abs(v), s.type, s.precision);
        }
        if (s.zero && s.align == 0) {
            StringBuilder b = new StringBuilder(body);
            while (sign.length() + b.length() < s.width) {
                b.insert(0, '0');
            }
            return sign + b;
        }
        return align(body, sign, s, '>');
    }

    private static String floatBody(double v, char type, int precision) {
        if (Double.isNaN(v)) {
            return Character.isUpperCase(type) ? "NAN" : "nan";
        }
        if (Double.isInfinite(v)) {
            return Character.isUpperCase(type) ? "INF" : "inf";
        }
        switch (type) {
            case 'f':
            case 'F':
                return fixed(v, precision < 0 ? 6 : precision);
            case '%':
                return fixed(v * 100, precision < 0 ? 6 : precision) + "%";
            case 'e':
            case 'E': {
                String e = scientific(v, precision < 0 ? 6 : precision);
                return type == 'E' ? e.toUpperCase() : e;
            }
            case 'g':
            case 'G': {
                String g = general(v, precision < 0 ? 6 : Math.max(precision, 1), false);
                return type == 'G' ? g.toUpperCase() : g;
            }
            case 0:
                return precision < 0 ? repr(v) : general(v, Math.max(precision, 1), true);
            default:
                throw new IllegalArgumentException("Unknown format code '" + type + "' for object of type 'float'");
        }
    }

    private static String fixed(double v, int precision) {
        return new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String scientific(double v, int precision) {
        if (v == 0) {
            return fixed(0, precision) + "e+00";
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        int exponent = digits.length() - 1 - r.scale();
        StringBuilder d = new StringBuilder(digits);
        while (d.length() < precision + 1) {
            d.append('0');
        }
        String mantissa = precision == 0 ? d.substring(0, 1) : d.charAt(0) + "." + d.substring(1, precision + 1);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + pad2(Math.abs(exponent));
    }

    /** Python's 'g' (and, with {@code noType}, the float format without a type letter). */
    private static String general(double v, int precision, boolean noType) {
        int exponent;
        if (v == 0) {
            exponent = 0;
        } else {
            BigDecimal r = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
            exponent = r.precision() - 1 - r.scale();
        }
        String out;
        if (exponent >= -4 && exponent < precision) {
            out = fixed(v, Math.max(precision - 1 - exponent, 0));
            if (out.contains(".")) {
                out = out.replaceAll("0+$", "").replaceAll("\\.$", noType ? ".0" : "");
            } else if (noType) {
                out = out + ".0";
            }
        } else {
            String e = scientific(v, precision - 1);
            int at = e.indexOf('e');
            String m = e.substring(0, at);
            if (m.contains(".")) {
                m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            out = m + e.substring(at);
        }
        return out;
    }

    private static String align(String body, String sign, Spec s, char defaultAlign) {
        String text = sign + body;
        int padding = s.width - text.length();
        if (padding <= 0) {
            return text;
        }
        char a = s.align == 0 ? defaultAlign : s.align;
        String fill = String.valueOf(s.fill).repeat(padding);
        switch (a) {
            case '<':
                return text + fill;
            case '^':
                return String.valueOf(s.fill).repeat(padding / 2) + text
                        + String.valueOf(s.fill).repeat(padding - padding / 2);
            case '=':
                return sign + fill + body;
            default:
                return fill + text;
        }
    }

    /** One parsed format spec. */
    private static final class Spec {
        char fill = ' ';
        char align;
        char sign;
        boolean zero;
        int width;
        int precision = -1;
        char type;

        static Spec parse(String spec) {
            Spec s = new Spec();
            int i = 0, n = spec.length();
            if (n >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
                s.fill = spec.charAt(0);
                s.align = spec.charAt(1);
                i = 2;
            } else if (n >= 1 && "<>=^".indexOf(spec.charAt(0)) >= 0) {
                s.align = spec.charAt(0);
                i = 1;
            }
            if (i < n && "+- ".indexOf(spec.charAt(i)) >= 0) {
                s.sign = spec.charAt(i++);
            }
            if (i < n && spec.charAt(i) == '0') {
                s.zero = true;
                i++;
            }
            int start = i;
            while (i < n && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            if (i > start) {
                s.width = Integer.parseInt(spec.substring(start, i));
            }
            if (i < n && spec.charAt(i) == '.') {
                int p = ++i;
                while (i < n && Character.isDigit(spec.charAt(i))) {
                    i++;
                }
                if (i == p) {
                    throw new IllegalArgumentException("Format specifier missing precision in '" + spec + "'");
                }
                s.precision = Integer.parseInt(spec.substring(p, i));
            }
            if (i < n) {
                s.type = spec.charAt(i++);
                if ("dfFeEgGs%".indexOf(s.type) < 0) {
                    throw new IllegalArgumentException("Unknown format code '" + s.type + "' in format spec '" + spec
                            + "'; expected one of d, f, e, g, s, %.");
                }
            }
            if (i < n) {
                throw new IllegalArgumentException("Invalid format specifier '" + spec + "'");
            }
            return s;
        }
    }
}
