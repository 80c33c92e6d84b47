namespace Basin.Plotting.Tests.Figures;

public class BarChartTests
{
    [Fact]
    public void GroupedBarsRenderWithCategoriesAndLegend()
    {
        var chart = new BarChart("AES", "DFSA") { Title = "SAC", YLabel = "fraction" };
        chart.Add("mean", [0.5, 0.48], [0.01, 0.02]);
        chart.Add("worst", [0.47, -0.1]);
        List<string> texts = PlotAssert.SvgTexts(chart.ToSvg(400, 300));
        Assert.Contains("AES", texts);
        Assert.Contains("DFSA", texts);
        Assert.Contains("worst", texts);
        PngImage image = PlotAssert.Png(chart, 400, 300);
        Assert.True(PlotAssert.CountPixels(image, Palette.Category(0)) > 1000);
        Assert.True(PlotAssert.CountPixels(image, Palette.Category(1)) > 100);
        Assert.Equal("series,category,value,error\nmean,AES,0.5,0.01\nmean,DFSA,0.48,0.02\nworst,AES,0.47,\nworst,DFSA,-0.1,\n", chart.ToCsv().ToString());
    }

    [Fact]
    public void ArgumentValidation()
    {
        var chart = new BarChart("a", "b");
        Assert.Throws<ArgumentException>(() => chart.Add("x", [1.0]));
        Assert.Throws<ArgumentException>(() => chart.Add("x", [1.0, 2.0], [1.0]));
    }
}
