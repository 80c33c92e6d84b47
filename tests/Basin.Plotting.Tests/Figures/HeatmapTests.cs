namespace Basin.Plotting.Tests.Figures;

public class HeatmapTests
{
    [Fact]
    public void ExtremesMapToColourMapEnds()
    {
        var values = new double[32 * 32];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 0.4 + (0.2 * i / values.Length);
        }

        values[5] = 0.1;
        values[700] = 0.9;
        var map = new Heatmap(values, 32, 32) { Title = "avalanche", ColorBarLabel = "P(flip)" };
        Assert.Equal(ColorMap.Viridis.Map(0), map.CellColor(0, 5));
        Assert.Equal(ColorMap.Viridis.Map(1), map.CellColor(700 / 32, 700 % 32));

        PngImage image = PlotAssert.Png(map, 400, 300);
        Assert.True(PlotAssert.CountPixels(image, ColorMap.Viridis.Map(0)) > 0);
        Assert.True(PlotAssert.CountPixels(image, ColorMap.Viridis.Map(1)) > 0);
        List<string> texts = PlotAssert.SvgTexts(map.ToSvg(400, 300));
        Assert.Contains("P(flip)", texts);
    }

    [Fact]
    public void SymmetricRangeAndExplicitLimits()
    {
        var map = new Heatmap(new double[,] { { -1, 0 }, { 0.5, 3 } }) { SymmetricRange = true, ColorMap = ColorMap.Diverging };
        Assert.Equal((-3.0, 3.0), map.ColorRange());
        map.Min = 0;
        map.Max = 1;
        Assert.Equal(ColorMap.Diverging.Map(1), map.CellColor(1, 1));
        Assert.Equal(ColorMap.Diverging.Map(0), map.CellColor(0, 0));
    }

    [Fact]
    public void ShowValuesAndNan()
    {
        var map = new Heatmap(new[] { 1f, float.NaN, 3f, 4f }, 2, 2) { ShowValues = true, RowLabels = ["a", "b"] };
        List<string> texts = PlotAssert.SvgTexts(map.ToSvg(400, 400));
        Assert.Contains("4", texts);
        Assert.Contains("a", texts);
        PlotAssert.Png(map, 300, 300);
    }

    [Fact]
    public void ArgumentValidation()
    {
        Assert.Throws<ArgumentException>(() => new Heatmap(new double[5], 2, 3));
        Assert.Throws<ArgumentException>(() => new Heatmap(new double[0], 0, 3));
    }
}
