using Basin.Plotting.Tests.Figures;

namespace Basin.Plotting.Tests.Rendering;

public class TextFitTests
{
    private const string LongTitle =
        "Robust accuracy under L∞ attacks (APGD-CE, APGD-T, FAB-T, Square; per-image worst case) of SA-nODE against the MLP and logistic regression on 1000 MNIST test images";

    [Fact]
    public void WrappedLinesFitTheWidth()
    {
        (string[] lines, float size) = TextFit.Wrap(LongTitle, 18, 300);
        Assert.True(lines.Length > 1);
        Assert.Equal(LongTitle, string.Join(' ', lines));
        Assert.All(lines, l => Assert.True(BasinFont.Measure(l, size) <= 300, $"'{l}' is {BasinFont.Measure(l, size)} px wide"));
        Assert.Equal(18 * TextFit.MinScale, size, 3);
    }

    [Fact]
    public void ShortTextKeepsItsSize()
    {
        (string[] lines, float size) = TextFit.Wrap("short", 18, 300);
        Assert.Equal(["short"], lines);
        Assert.Equal(18f, size);
    }

    [Fact]
    public void LongTitleIsNotClippedAndTheLayoutGrows()
    {
        var plot = new LinePlot { Title = LongTitle, XLabel = "ε", YLabel = "accuracy" };
        plot.Add("SA-nODE", [0, 0.1, 0.2], [0.98, 0.6, 0.3]);
        var theme = Theme.For(SkiaSharp.SKRect.Create(320, 240));
        float band = TextFit.TitleHeight(SkiaSharp.SKRect.Create(320, 240), LongTitle, theme);
        Assert.True(band > 2 * theme.TitleFont * TextFit.MinScale, "the title wraps onto several lines");

        PngImage image = PlotAssert.Png(plot, 320, 240);
        int ink = 0;
        for (int y = 0; y < (int)band; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                bool dark = image.GetPixel(x, y).R < 160;
                ink += dark ? 1 : 0;
                if (x < 2 || x >= image.Width - 2)
                {
                    Assert.False(dark, $"title ink touches the edge at ({x}, {y})");
                }
            }
        }

        Assert.True(ink > 200, "the title is drawn");
        string words = string.Join(' ', PlotAssert.SvgTexts(plot.ToSvg(320, 240)));
        Assert.All(LongTitle.Split(' '), w => Assert.Contains(w, words));
    }
}
