namespace Basin.Plotting.Tests.Figures;

public class ScatterPlotTests
{
    [Fact]
    public void DrawsOneMarkerPerFinitePoint()
    {
        var plot = new ScatterPlot();
        plot.Add("a", [1.0, 2, 3, double.NaN], [1.0, 4, 9, 1]);
        var doc = System.Xml.Linq.XDocument.Parse(plot.ToSvg(300, 200));
        // Three data markers plus the legend swatch.
        Assert.Equal(4, doc.Descendants(PlotAssert.Svg + "circle").Count());
        Assert.Empty(doc.Descendants(PlotAssert.Svg + "polyline"));
        PlotAssert.Png(plot, 300, 200);
    }
}
