using System.Xml.Linq;

namespace Basin.Plotting.Tests.Figures;

public class LinePlotTests
{
    private static LinePlot Sample()
    {
        var plot = new LinePlot { Title = "Loss <&> \"quoted\"", XLabel = "epoch", YLabel = "MSE" };
        plot.Add("train", [0, 1, 2, 3, 4], [1.0, 0.5, double.NaN, 0.2, 0.1]);
        plot.Add("test", new float[] { 0.9f, 0.6f, 0.4f, 0.3f, 0.25f }).Marker = MarkerShape.Circle;
        return plot;
    }

    [Fact]
    public void SvgIsWellFormedAndHasLabels()
    {
        List<string> texts = PlotAssert.SvgTexts(Sample().ToSvg(400, 300));
        Assert.Contains("Loss <&> \"quoted\"", texts);
        Assert.Contains("epoch", texts);
        Assert.Contains("MSE", texts);
        Assert.Contains("train", texts);
        Assert.Contains("test", texts);
        Assert.All(texts, t => Assert.DoesNotContain("\uFFFD", t));
    }

    [Fact]
    public void NanBreaksTheLineIntoTwoPolylines()
    {
        var broken = new LinePlot();
        broken.Add("s", [0, 1, 2, 3, 4], [1.0, 0.5, double.NaN, 0.2, 0.1]);
        var whole = new LinePlot();
        whole.Add("s", [0, 1, 2, 3, 4], [1.0, 0.5, 0.3, 0.2, 0.1]);
        int pieces = PlotAssert.StrokedPaths(broken.ToSvg(300, 200), Palette.Category(0));
        Assert.Equal(PlotAssert.StrokedPaths(whole.ToSvg(300, 200), Palette.Category(0)) + 1, pieces);
    }

    [Fact]
    public void SvgNumbersAreInvariant()
    {
        string svg = Sample().ToSvg(333, 222);
        XDocument doc = XDocument.Parse(svg);
        var numbers = doc.Descendants().Attributes().Where(a => a.Name.LocalName is "x" or "y" or "width" or "height")
            .SelectMany(a => a.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, v => Assert.True(double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _), v));
    }

    [Fact]
    public void PngIsDeterministicAndDrawsTheSeriesColour()
    {
        LinePlot plot = Sample();
        byte[] a = plot.ToPng(500, 400), b = Sample().ToPng(500, 400);
        Assert.Equal(a, b);
        PngImage image = PlotAssert.Png(plot, 500, 400);
        Assert.True(PlotAssert.CountNear(image, Palette.Category(0)) > 100);
        Assert.True(PlotAssert.CountNear(image, Palette.Category(1)) > 100);
    }

    [Fact]
    public void LogAxesSkipNonPositiveValues()
    {
        var plot = new LinePlot { LogX = true, LogY = true };
        plot.Add("s", [0, 1e-3, 1e-2, 1e-1], [-1, 1e-6, 1e-4, 1e-2]);
        List<string> texts = PlotAssert.SvgTexts(plot.ToSvg(400, 300));
        Assert.Contains("0.01", texts);
        Assert.Contains("0.001", texts);
        Assert.Contains("10\u207B\u2076", texts);
        PlotAssert.Png(plot, 200, 150);
    }

    [Fact]
    public void EmptyPlotIsValid()
    {
        var plot = new LinePlot { Title = "nothing yet" };
        Assert.Contains("nothing yet", PlotAssert.SvgTexts(plot.ToSvg()));
        PlotAssert.Png(plot, 100, 80);
        plot.Add("all NaN", [double.NaN, double.PositiveInfinity], [1.0, 2.0]);
        PlotAssert.SvgTexts(plot.ToSvg(200, 100));
        PlotAssert.Png(plot, 200, 100);
    }

    [Fact]
    public void TinyCanvasDoesNotThrow() => PlotAssert.Png(Sample(), 5, 5);

    [Fact]
    public void ArgumentValidation()
    {
        var plot = new LinePlot();
        ArgumentException e = Assert.Throws<ArgumentException>(() => plot.Add("bad", [1.0, 2.0], [1.0]));
        Assert.Contains("bad", e.Message);
        Assert.Throws<ArgumentException>(() => plot.ToSvg(0, 10));
        Assert.Throws<ArgumentException>(() => plot.ToPng(10, -1));
        Assert.Throws<ArgumentException>(() => plot.Width = 0);
    }

    [Fact]
    public void SaveWritesSvgPngAndCsvWithoutTempFiles()
    {
        using var dir = new TempDir();
        LinePlot plot = Sample();
        plot.Save(dir.File("loss"), 300, 200);
        plot.SaveCsv(dir.File("loss.csv"));
        Assert.Equal(new[] { "loss.csv", "loss.png", "loss.svg" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order().ToArray());
        Assert.Equal(300, PngDecoder.Read(dir.File("loss.png")).Width);
        string csv = File.ReadAllText(dir.File("loss.csv"));
        Assert.StartsWith("series,x,y\ntrain,0,1\n", csv);
        Assert.Contains("train,2,NaN", csv);
    }

    /// <summary>An outside legend takes room on the right, so the data (a line across the whole x range) ends further left, and the entries are still drawn.</summary>
    [Fact]
    public void OutsideLegendMovesTheDataAreaLeftOfTheEntries()
    {
        LinePlot Make(LegendPosition where)
        {
            var p = new LinePlot { Legend = where };
            p.Add("a long legend entry that would cover data in a corner", [0, 1, 2, 3, 4], [1.0, 0.5, 0.3, 0.2, 0.1]);
            p.Add("second", [0, 1, 2, 3, 4], [0.9, 0.6, 0.4, 0.3, 0.25]);
            return p;
        }
        int RightmostSeriesPixel(LinePlot p)
        {
            PngImage image = PlotAssert.Png(p, 600, 300);
            Rgba32 c = Palette.Category(0);
            int right = -1;
            for (int y = 0; y < image.Height; y++)
                for (int x = 0; x < image.Width; x++)
                {
                    Rgba32 q = image.GetPixel(x, y);
                    if (Math.Abs(q.R - c.R) <= 24 && Math.Abs(q.G - c.G) <= 24 && Math.Abs(q.B - c.B) <= 24) right = Math.Max(right, x);
                }
            return right;
        }
        int inside = RightmostSeriesPixel(Make(LegendPosition.TopRight)), outside = RightmostSeriesPixel(Make(LegendPosition.Outside));
        Assert.True(outside < inside - 100, $"rightmost series pixel: inside legend {inside}, outside legend {outside}");
        Assert.Contains("a long legend entry that would cover data in a corner", PlotAssert.SvgTexts(Make(LegendPosition.Outside).ToSvg(600, 300)));
    }
}
