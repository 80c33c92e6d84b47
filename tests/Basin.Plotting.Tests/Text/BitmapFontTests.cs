namespace Basin.Plotting.Tests.Text;

public class BitmapFontTests
{
    [Fact]
    public void CoversAsciiAndPlotSymbols()
    {
        for (char c = ' '; c <= '~'; c++)
        {
            Assert.True(BitmapFont.HasGlyph(c), $"missing glyph for '{c}'");
        }

        foreach (char c in "\u2212±×°εΔλγβσμ")
        {
            Assert.True(BitmapFont.HasGlyph(c), $"missing glyph for '{c}'");
        }
    }

    [Fact]
    public void MeasureScalesWithFactor()
    {
        Assert.Equal((29, 9), BitmapFont.Measure("12345", 1));
        Assert.Equal((58, 18), BitmapFont.Measure("12345", 2));
        Assert.Equal((0, 9), BitmapFont.Measure("", 1));
    }

    [Fact]
    public void DistinctCharactersHaveDistinctGlyphs()
    {
        var seen = new Dictionary<ulong, char>();
        foreach (char c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-+e")
        {
            ulong g = BitmapFont.GetGlyph(c);
            Assert.False(seen.TryGetValue(g, out char other) && other != c, $"'{c}' and '{other}' share a glyph");
            seen[g] = c;
        }
    }
}
