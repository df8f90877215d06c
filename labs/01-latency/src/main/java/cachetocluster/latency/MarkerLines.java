package cachetocluster.latency;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * The vertical size markers of {@link LatencyCharts#writeLatencyCurve}: a line per marker across
 * the plot and its label in a row at the top. XChart's own {@code AnnotationLine} and
 * {@code AnnotationText} take one colour for all of them and do not stop labels from overlapping;
 * the size the system reports and the cliff measured next to it are often a few pixels apart.
 */
final class MarkerLines extends Annotation {

    /** One line: its label and size, drawn in {@code color} with {@code stroke}. */
    record Line(String label, long bytes, Color color, BasicStroke stroke) {}

    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final int ROW_HEIGHT = 17;
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 225);

    private final List<Line> lines;
    private final LongToDoubleFunction axisValue;

    /** @param axisValue the x axis value of a size in bytes (the axis is log2 of the size) */
    MarkerLines(List<Line> lines, LongToDoubleFunction axisValue) {
        super(false);
        this.lines = List.copyOf(lines);
        this.axisValue = axisValue;
    }

    private record Label(Line line, int x, double left, double width, int row) {}

    /**
     * How many label rows the lines need on a plot {@code plotWidth} pixels wide showing axis
     * values from {@code axisLeft} to {@code axisRight}: an estimate made before XChart lays out the
     * chart, so the caller can leave room for them above the curve.
     */
    int rowsNeeded(double axisLeft, double axisRight, double plotWidth) {
        FontRenderContext context = new FontRenderContext(null, true, true);
        List<Label> labels = layOut(bytes -> (axisValue.applyAsDouble(bytes) - axisLeft) / (axisRight - axisLeft) * plotWidth,
                0, plotWidth, text -> LABEL_FONT.getStringBounds(text, context).getWidth());
        return labels.stream().mapToInt(l -> l.row() + 1).max().orElse(0);
    }

    /**
     * Places each label beside its line (to the right, or to the left near the right edge) in the
     * first row, from the top, where it overlaps no label placed before it.
     */
    private List<Label> layOut(LongToDoubleFunction screenX, double plotLeft, double plotRight,
            ToDoubleFunction<String> textWidth) {
        List<Double> rowEnds = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (Line line : lines.stream().sorted(Comparator.comparingLong(Line::bytes)).toList()) {
            int x = (int) Math.round(screenX.applyAsDouble(line.bytes()));
            double width = textWidth.applyAsDouble(line.label()) + 6;
            double left = x + 3 + width <= plotRight ? x + 3 : Math.max(plotLeft, x - 3 - width);
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row) > left - 4) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(0.0);
            }
            rowEnds.set(row, left + width);
            labels.add(new Label(line, x, left, width, row));
        }
        return labels;
    }

    @Override
    public void paint(Graphics2D graphics) {
        if (!isVisible || lines.isEmpty()) {
            return;
        }
        int top = getYAxisScreenValueForMin();
        int bottom = getYAxisScreenValueForMax();
        int plotLeft = getXAxisScreenValueForMin();
        int plotRight = getXAxisScreenValueForMax();
        bounds = new Rectangle(plotLeft, top, plotRight - plotLeft, bottom - top);
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(LABEL_FONT);
            var metrics = g.getFontMetrics();
            List<Label> labels = layOut(bytes -> getXAxisScreenValue(axisValue.applyAsDouble(bytes)),
                    plotLeft, plotRight, metrics::stringWidth);
            for (Label label : labels) {
                g.setColor(label.line().color());
                g.setStroke(label.line().stroke());
                g.drawLine(label.x(), top, label.x(), bottom);
            }
            for (Label label : labels) {
                int rowTop = top + 3 + label.row() * ROW_HEIGHT;
                g.setColor(LABEL_BACKGROUND);
                g.fillRect((int) label.left(), rowTop, (int) Math.ceil(label.width()), ROW_HEIGHT - 2);
                g.setColor(label.line().color());
                g.drawString(label.line().label(), (int) label.left() + 3, rowTop + metrics.getAscent());
            }
        } finally {
            g.dispose();
        }
    }
}
