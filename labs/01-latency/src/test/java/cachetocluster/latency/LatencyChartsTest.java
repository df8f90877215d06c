package cachetocluster.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cachetocluster.latency.LatencyCharts.Marker;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/** The charts written to real files and read back: PNG as pixels, SVG as XML. */
class LatencyChartsTest {

    @TempDir
    Path dir;

    private static final Color JAVA_BLUE = new Color(0x1f, 0x77, 0xb4);

    /** 4 KiB to 512 MiB in half powers of two, with plateaus for L1 (48 KiB), L2 (2 MiB), L3 (24 MiB), RAM. */
    static List<ChasePoint> laptopCurve(double scale) {
        List<ChasePoint> points = new ArrayList<>();
        for (double exponent = 12; exponent <= 29; exponent += 0.5) {
            long bytes = Math.round(Math.pow(2, exponent));
            double ns = bytes <= 48 << 10 ? 1.1 : bytes <= 2 << 20 ? 3.9 : bytes <= 24 << 20 ? 14 : 95;
            points.add(new ChasePoint(bytes, ns * scale));
        }
        return points;
    }

    static final List<Marker> SYSTEM = List.of(new Marker("L1d 48 KiB (system)", 48 << 10),
            new Marker("L2 2 MiB (system)", 2 << 20), new Marker("L3 24 MiB (system)", 24 << 20));
    static final List<Marker> MEASURED = List.of(new Marker("cliff 48 KiB (measured)", 48 << 10),
            new Marker("cliff 1.5 MiB (measured)", 3 << 19), new Marker("cliff 16 MiB (measured)", 16 << 20));

    @Test
    void writesAReadablePngOfTheCurveWithItsMarkersAndASecondSeries() throws IOException {
        Path file = dir.resolve("charts/deeper/latency.png");

        Path written = LatencyCharts.writeLatencyCurve(laptopCurve(1), SYSTEM, MEASURED,
                Map.of("C (native)", laptopCurve(0.9)), file);

        assertThat(written).isEqualTo(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("ImageIO could not read %s as an image", file).isNotNull();
        assertThat(image.getWidth()).isEqualTo(LatencyCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LatencyCharts.HEIGHT);
        assertThat(distinctColours(image)).as("distinct colours: a blank or one-colour image means nothing was drawn")
                .isGreaterThan(200);
        assertThat(pixelsOf(image, JAVA_BLUE)).as("pixels in the Java series' colour").isGreaterThan(500);
        assertThat(pixelsOf(image, LatencyCharts.MEASURED_COLOR)).as("pixels in the measured cliffs' colour")
                .isGreaterThan(300);
        assertThat(pixelsOf(image, LatencyCharts.SYSTEM_COLOR)).as("pixels in the system caches' colour")
                .isGreaterThan(300);
    }

    @Test
    void markersAreDrawnOnlyWhenGiven() throws IOException {
        Path with = LatencyCharts.writeLatencyCurve(laptopCurve(1), SYSTEM, MEASURED, Map.of(), dir.resolve("with.png"));
        Path without = LatencyCharts.writeLatencyCurve(laptopCurve(1), List.of(), List.of(), Map.of(),
                dir.resolve("without.png"));

        assertThat(pixelsOf(ImageIO.read(without.toFile()), LatencyCharts.MEASURED_COLOR))
                .as("red pixels with no measured cliffs").isZero();
        assertThat(pixelsOf(ImageIO.read(with.toFile()), LatencyCharts.MEASURED_COLOR))
                .as("red pixels with three measured cliffs").isGreaterThan(300);
    }

    @Test
    void writesWellFormedSvgThatNamesItsSeriesAndMarkers() throws Exception {
        Path file = LatencyCharts.writeLatencyCurve(laptopCurve(1), SYSTEM, MEASURED,
                Map.of("C (native)", laptopCurve(0.9)), dir.resolve("latency.svg"));

        Document svg = parse(file);
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text).contains("Latency of one dependent load vs working set", "Java", "C (native)",
                "L2 2 MiB (system)", "cliff 16 MiB (measured)");
        assertThat(svg.getElementsByTagName("text").getLength())
                .as("marker labels drawn as <text> elements").isEqualTo(SYSTEM.size() + MEASURED.size());
    }

    @Test
    void drawsTheMountainAsAHeatMap() throws IOException {
        Path file = LatencyCharts.writeMountain(mountain(), dir.resolve("mountain.png"));

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(LatencyCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LatencyCharts.HEIGHT);
        assertThat(distinctColours(image)).as("distinct colours in the heat map").isGreaterThan(200);
        // The cells fill most of the plot, left of the colour scale, with tinted (not grey) colour.
        assertThat(tintedPixels(image, LatencyCharts.WIDTH * 85 / 100)).as("tinted pixels left of the colour scale")
                .isGreaterThan(200_000);
    }

    @Test
    void theMountainDoesNotDependOnTheOrderOfItsCells() throws IOException {
        List<MountainCell> shuffled = new ArrayList<>(mountain());
        Collections.shuffle(shuffled, new Random(42));

        BufferedImage inOrder = ImageIO.read(LatencyCharts.writeMountain(mountain(), dir.resolve("a.png")).toFile());
        BufferedImage outOfOrder = ImageIO.read(LatencyCharts.writeMountain(shuffled, dir.resolve("b.png")).toFile());

        assertThat(differingPixels(inOrder, outOfOrder)).as("pixels that differ between the two orders").isZero();
    }

    @Test
    void aMissingCellStaysBlank() throws IOException {
        List<MountainCell> shuffled = new ArrayList<>(mountain());
        Collections.shuffle(shuffled, new Random(7));
        MountainCell removed = shuffled.remove(3);

        BufferedImage full = ImageIO.read(LatencyCharts.writeMountain(mountain(), dir.resolve("full.png")).toFile());
        BufferedImage gap = ImageIO.read(LatencyCharts.writeMountain(shuffled, dir.resolve("gap.png")).toFile());

        // A cell is about a fortieth of the plot; blank, it shows the white background.
        assertThat(pixelsOf(gap, Color.WHITE) - pixelsOf(full, Color.WHITE))
                .as("white pixels gained by leaving out %s", removed).isGreaterThan(3000);
    }

    @Test
    void refusesAnExtensionItCannotWrite() {
        Path file = dir.resolve("latency.jpg");

        assertThatThrownBy(() -> LatencyCharts.writeLatencyCurve(laptopCurve(1), SYSTEM, MEASURED, Map.of(), file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".jpg").hasMessageContaining(".png").hasMessageContaining(".svg");
        assertThatThrownBy(() -> LatencyCharts.writeMountain(mountain(), dir.resolve("mountain")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mountain");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesCurvesAndCellsThatCannotBeDrawn() {
        Path file = dir.resolve("x.png");
        assertThatThrownBy(() -> LatencyCharts.writeLatencyCurve(List.of(), SYSTEM, MEASURED, Map.of(), file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Java");
        assertThatThrownBy(() -> LatencyCharts.writeLatencyCurve(laptopCurve(1), SYSTEM, MEASURED,
                Map.of("Java", laptopCurve(2)), file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("used twice");
        List<MountainCell> twice = new ArrayList<>(mountain());
        twice.add(new MountainCell(16 << 10, 1, 1.0));
        assertThatThrownBy(() -> LatencyCharts.writeMountain(twice, file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 KiB").hasMessageContaining("stride 1");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0 B", "1000, 1000 B", "1024, 1 KiB", "1536, 1.5 KiB", "4096, 4 KiB", "49152, 48 KiB",
        "1310720, 1.25 MiB", "1572864, 1.5 MiB", "536870912, 512 MiB", "1073741824, 1 GiB",
        "1610612736, 1.5 GiB", "1099511627776, 1 TiB"
    })
    void sizeLabelsUseBinaryUnits(long bytes, String label) {
        assertThat(LatencyCharts.sizeLabel(bytes)).isEqualTo(label);
    }

    @Test
    void aNegativeSizeHasNoLabel() {
        assertThatThrownBy(() -> LatencyCharts.sizeLabel(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0.25, 0.25", "0.5, 0.5", "1, 1", "1.0717734625362931, 1.07", "64, 64", "128, 128", "1024, 1024"})
    void latencyTicksAreShortNumbers(double ns, String label) {
        assertThat(LatencyCharts.nsLabel(ns)).isEqualTo(label);
    }

    /** 5 strides x 8 working sets, the CS:APP shape: faster for small sets and short strides. */
    static List<MountainCell> mountain() {
        List<MountainCell> cells = new ArrayList<>();
        for (int size = 0; size < 8; size++) {
            long bytes = 16L << 10 << (2 * size);
            double ridge = size < 2 ? 60 : size < 4 ? 35 : size < 6 ? 20 : 9;
            for (int stride = 1; stride <= 5; stride++) {
                cells.add(new MountainCell(bytes, stride, ridge / stride + 1));
            }
        }
        return cells;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    /** Pixels left of {@code right} whose colour is not a shade of grey. */
    private static int tintedPixels(BufferedImage image, int right) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < right; x++) {
                Color c = new Color(image.getRGB(x, y));
                int spread = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()))
                        - Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
                if (spread > 8) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int pixelsOf(BufferedImage image, Color colour) {
        int rgb = colour.getRGB() & 0xffffff;
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        int count = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Parses without fetching the SVG 1.1 DTD the file names: a test must not need the network. */
    private static Document parse(Path file) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setNamespaceAware(false);
        try (var in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }
}
