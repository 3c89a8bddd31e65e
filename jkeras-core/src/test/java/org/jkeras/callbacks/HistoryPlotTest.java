package org.jkeras.callbacks;

import static org.jkeras.callbacks.CallbackFixtures.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryPlotTest {
    @TempDir
    Path tmp;

    @Test
    void writesADecodablePngWithOnePanelPerQuantity() throws IOException {
        Sequential m = CallbackFixtures.model(new SGD(0.1));
        History h = CallbackFixtures.quiet(() -> m.fit(DATA.get("x"), DATA.get("y"), CallbackFixtures.fit(3, 0)));
        Path png = tmp.resolve("plots/history.png");
        h.plot(png);

        assertEquals(List.of("accuracy", "loss"), HistoryPlot.panels(h));
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(2 * 300, img.getHeight());
        // not blank: each panel has many non-white pixels and several colours (axes, text, two series)
        for (int panel = 0; panel < 2; panel++) {
            int nonWhite = 0;
            Set<Integer> colours = new HashSet<>();
            for (int y = panel * 300; y < (panel + 1) * 300; y++) {
                for (int x = 0; x < 800; x++) {
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    if (rgb != 0xffffff) {
                        nonWhite++;
                    }
                }
            }
            assertTrue(nonWhite > 800 * 300 / 100, "panel " + panel + ": " + nonWhite + " non-white pixels");
            assertTrue(colours.size() > 10, "panel " + panel + ": " + colours.size() + " colours");
        }
        try (var s = Files.list(png.getParent())) {
            assertEquals(1, s.count(), "no temporary file left beside the PNG");
        }
    }

    @Test
    void anEmptyHistoryIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new History().plot(tmp.resolve("h.png")));
        assertTrue(e.getMessage().contains("no values to plot"), e.getMessage());
    }
}
