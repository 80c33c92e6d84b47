namespace Basin.Plotting.Tests.Rendering;

public class BasinFontTests
{
    [Fact]
    public void TheEmbeddedDejaVuSansLoads()
    {
        Assert.Equal("DejaVu Sans", BasinFont.Typeface.FamilyName);
        Assert.True(BasinFont.Measure("Basin", 20) > 40);
        using SkiaSharp.SKFont font = BasinFont.Font(12);
        Assert.True(font.ContainsGlyphs("ε∞⁻⁶−λ"), "the symbols Basin's labels use have glyphs");
    }

    [Fact]
    public void ScottPlotResolvesEveryFontToIt()
    {
        BasinFont.EnsureRegistered();
        Assert.Same(BasinFont.Typeface, ScottPlot.Fonts.GetTypeface("Some Font That Is Not Installed", false, false));
        Assert.Equal(BasinFont.Name, ScottPlot.Fonts.Default);
    }
}
