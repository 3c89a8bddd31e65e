package org.jkeras.callbacks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jkeras.data.AtomicFiles;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link History} as a PNG with XChart: one panel per quantity ({@code loss}, {@code accuracy}, ...), each with
 * its training curve and, when logged, its {@code val_} curve, against the 1-based epoch. Panels are
 * {@link #WIDTH}×{@link #PANEL_HEIGHT} pixels, stacked top to bottom in the order of the History's keys. Rendering is
 * headless; the file is written atomically.
 *
 * <pre>{@code
 * History h = model.fit(x, y, FitOptions.defaults().epochs(10).validationSplit(0.2));
 * h.plot(Paths.get("history.png"));   // = HistoryPlot.write(h, path)
 * }</pre>
 */
public final class HistoryPlot {
    public static final int WIDTH = 800;
    public static final int PANEL_HEIGHT = 300;

    private HistoryPlot() {}

    /** The quantities drawn, one per panel: the History's keys without their {@code val_} prefix. */
    public static List<String> panels(History h) {
        List<String> out = new ArrayList<>();
        for (String k : h.history().keySet()) {
            String base = k.startsWith("val_") ? k.substring(4) : k;
            if (!out.contains(base)) {
                out.add(base);
            }
        }
        return out;
    }

    /** Renders the plot (headless). */
    public static BufferedImage render(History h) {
        List<String> panels = panels(h);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("History has no values to plot (fit ran no epoch); plot it after fit.");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (int p = 0; p < panels.size(); p++) {
                String name = panels.get(p);
                XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(name).xAxisTitle("epoch")
                        .yAxisTitle(name).build();
                chart.getStyler().setChartBackgroundColor(Color.WHITE);
                chart.getStyler().setPlotBackgroundColor(Color.WHITE);
                Map<String, List<Double>> series = new LinkedHashMap<>();
                if (h.history().containsKey(name)) {
                    series.put(name, h.history().get(name));
                }
                if (h.history().containsKey("val_" + name)) {
                    series.put("val_" + name, h.history().get("val_" + name));
                }
                for (Map.Entry<String, List<Double>> s : series.entrySet()) {
                    List<Double> y = s.getValue();
                    List<Integer> x = new ArrayList<>();
                    for (int i = 0; i < y.size(); i++) {
                        x.add(h.epoch().size() == y.size() ? h.epoch().get(i) + 1 : i + 1);
                    }
                    chart.addSeries(s.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
                }
                Graphics2D panel = (Graphics2D) g.create(0, p * PANEL_HEIGHT, WIDTH, PANEL_HEIGHT);
                try {
                    chart.paint(panel, WIDTH, PANEL_HEIGHT);
                } finally {
                    panel.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the plot of {@code h} to {@code path} as a PNG (atomically). */
    public static void write(History h, Path path) throws IOException {
        BufferedImage image = render(h);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        AtomicFiles.replace(path, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this JVM (javax.imageio)");
            }
        });
    }
}
