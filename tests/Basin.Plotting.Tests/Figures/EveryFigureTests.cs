namespace Basin.Plotting.Tests.Figures;

/// <summary>Every figure type: a decodable, non-blank PNG of the requested size, well-formed SVG with the title as text, the same bytes twice.</summary>
public class EveryFigureTests
{
    public static TheoryData<string> Kinds => new() { "line", "scatter", "histogram", "bars", "heatmap", "grid", "figure" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RendersPngAndSvg(string kind)
    {
        Plot plot = Make(kind);
        PngImage image = PlotAssert.Png(plot, 480, 360);
        var colours = new HashSet<Rgba32>();
        for (int y = 0; y < image.Height; y += 3)
        {
            for (int x = 0; x < image.Width; x += 3)
            {
                colours.Add(image.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 8, $"{kind}: {colours.Count} colours, the figure looks blank");
        Assert.Contains($"title of {kind}", PlotAssert.SvgTexts(plot.ToSvg(480, 360)));
        Assert.Equal(plot.ToPng(480, 360), Make(kind).ToPng(480, 360));
    }

    private static Plot Make(string kind)
    {
        var rng = new Random(7);
        double[] xs = Enumerable.Range(0, 20).Select(i => i / 2.0).ToArray();
        Plot plot;
        switch (kind)
        {
            case "line":
                var line = new LinePlot { XLabel = "t", YLabel = "x(t)" };
                line.Add("sin", xs, xs.Select(Math.Sin).ToArray());
                line.Add("cos", xs, xs.Select(Math.Cos).ToArray());
                plot = line;
                break;
            case "scatter":
                var scatter = new ScatterPlot();
                scatter.Add("points", xs, xs.Select(_ => rng.NextDouble()).ToArray());
                plot = scatter;
                break;
            case "histogram":
                var hist = new Histogram();
                hist.Add("u", Enumerable.Range(0, 300).Select(_ => rng.NextDouble()).ToArray());
                plot = hist;
                break;
            case "bars":
                var bars = new BarChart("a", "b", "c");
                bars.Add("m", [1.0, 2, 3], [0.1, 0.2, 0.1]);
                plot = bars;
                break;
            case "heatmap":
                plot = new Heatmap(Enumerable.Range(0, 64).Select(i => (double)i).ToArray(), 8, 8) { ColorBarLabel = "v" };
                break;
            case "grid":
                var grid = new ImageGrid();
                for (int k = 0; k < 4; k++)
                {
                    grid.Add(Enumerable.Range(0, 49).Select(i => ((i + k) % 7) / 6.0).ToArray(), 7, 7, $"#{k}");
                }

                plot = grid;
                break;
            default:
                var fig = new Figure(1, 2);
                fig.Add(Make("line")).Add(Make("heatmap"));
                plot = fig;
                break;
        }

        plot.Title = $"title of {kind}";
        return plot;
    }
}
