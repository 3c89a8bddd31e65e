package org.jkeras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3 prints for the same call (written out by hand from Python's rules). */
class PythonFormatTest {
    @Test
    void reprIsPythonsShortestRoundTrip() {
        assertEquals("0.1", PythonFormat.repr(0.1));
        assertEquals("0.025", PythonFormat.repr(0.2 * Math.pow(0.5, 3)));
        assertEquals("1.0", PythonFormat.repr(1.0));
        assertEquals("1e-05", PythonFormat.repr(1e-5));
        assertEquals("0.0001", PythonFormat.repr(1e-4));
        assertEquals("1e+16", PythonFormat.repr(1e16));
        assertEquals("1234567890123456.0", PythonFormat.repr(1234567890123456.0));
        assertEquals("1.5e-07", PythonFormat.repr(1.5e-7));
        assertEquals("0.30000001192092896", PythonFormat.repr((double) 0.3f));
        assertEquals("0.30000000000000004", PythonFormat.repr(0.1 + 0.2));
        assertEquals("-2.5", PythonFormat.repr(-2.5));
        assertEquals("nan", PythonFormat.repr(Double.NaN));
        assertEquals("-inf", PythonFormat.repr(Double.NEGATIVE_INFINITY));
        assertEquals("-0.0", PythonFormat.repr(-0.0));
        assertEquals("1000000.0", PythonFormat.repr(1e6));
    }

    @Test
    void formatSpecs() {
        assertEquals("03", PythonFormat.format(3, "02d"));
        assertEquals("123", PythonFormat.format(123, "02d"));
        assertEquals("1.20", PythonFormat.format(1.2008302211761475, ".2f"));
        assertEquals("1.20083", PythonFormat.format(1.2008302211761475, ".5f"));
        // ties go to even on the exact binary value: 0.125 is exact, 0.375 too; 2.675 is just below 2.675
        assertEquals("0.12", PythonFormat.format(0.125, ".2f"));
        assertEquals("0.38", PythonFormat.format(0.375, ".2f"));
        assertEquals("2.67", PythonFormat.format(2.675, ".2f"));
        assertEquals("1.234500e-05", PythonFormat.format(1.2345e-5, "e"));
        assertEquals("1.23E+04", PythonFormat.format(12345.0, ".2E"));
        assertEquals("0.0001", PythonFormat.format(1e-4, "g"));
        assertEquals("1e-05", PythonFormat.format(1e-5, "g"));
        assertEquals("1.23457e+06", PythonFormat.format(1234567.0, "g"));
        assertEquals("12.5%", PythonFormat.format(0.125, ".1%"));
        assertEquals("  1.5", PythonFormat.format(1.5, "5"));
        assertEquals("1.5__", PythonFormat.format(1.5, "_<5"));
        assertEquals("+3", PythonFormat.format(3, "+d"));
        assertEquals("-0005", PythonFormat.format(-5, "05d"));
        assertEquals("3.0", PythonFormat.format(3, ".1f"), "an int formats with f");
        assertEquals("ab", PythonFormat.format("abc", ".2"));
    }

    @Test
    void badSpecsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PythonFormat.format(1.5, "02d"));
        assertTrue(e.getMessage().contains("Unknown format code 'd' for object of type 'float'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.format(1.5, ".2q"));
        assertThrows(IllegalArgumentException.class, () -> PythonFormat.format(1.5, "."));
    }

    @Test
    void filepathTemplates() {
        FilepathTemplate t = FilepathTemplate.parse("weights.{epoch:02d}-{val_loss:.2f}.keras");
        assertEquals(java.util.Set.of("epoch", "val_loss"), t.fields());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("epoch", 7);
        v.put("val_loss", 0.3456);
        assertEquals("weights.07-0.35.keras", t.format(v));
        assertEquals("{literal}-7.keras", FilepathTemplate.parse("{{literal}}-{epoch}.keras").format(v));
        assertEquals("m-0.3456.keras", FilepathTemplate.parse("m-{val_loss}.keras").format(v));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilepathTemplate.parse("w.{val_acc:.2f}.keras").format(v));
        assertTrue(e.getMessage().contains("Failed to format this callback filepath") && e.getMessage().contains("val_acc")
                && e.getMessage().contains("[epoch, val_loss]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FilepathTemplate.parse("w.{epoch.keras"));
        assertThrows(IllegalArgumentException.class, () -> FilepathTemplate.parse("w.}.keras"));
        assertThrows(IllegalArgumentException.class, () -> FilepathTemplate.parse("w.{}.keras"));
    }
}
