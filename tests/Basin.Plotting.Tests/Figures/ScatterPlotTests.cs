namespace Basin.Plotting.Tests.Figures;

public class ScatterPlotTests
{
    [Fact]
    public void DrawsOneMarkerPerFinitePoint()
    {
        var plot = new ScatterPlot();
        plot.Add("a", [1.0, 2, 3, double.NaN], [1.0, 4, 9, 1]);
        string svg = plot.ToSvg(300, 200);
        var doc = System.Xml.Linq.XDocument.Parse(svg);
        string hex = $"#{Palette.Category(0).R:X2}{Palette.Category(0).G:X2}{Palette.Category(0).B:X2}";
        // Three data markers plus the legend swatch, each a filled circle; no line joins them.
        Assert.Equal(4, doc.Descendants(PlotAssert.Svg + "ellipse").Count(c => (string?)c.Attribute("fill") == hex));
        Assert.Equal(0, PlotAssert.StrokedPaths(svg, Palette.Category(0)));
        PlotAssert.Png(plot, 300, 200);
    }
}
