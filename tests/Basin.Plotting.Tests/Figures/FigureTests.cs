namespace Basin.Plotting.Tests.Figures;

public class FigureTests
{
    [Fact]
    public void RendersPanelsAndStacksTheirCsv()
    {
        var line = new LinePlot { Title = "left" };
        line.Add("s", [1.0, 2.0]);
        var bars = new BarChart("a") { Title = "right" };
        bars.Add("b", [3.0]);
        var fig = new Figure(1, 2) { Title = "both" };
        fig.Add(line).Add(bars);
        List<string> texts = PlotAssert.SvgTexts(fig.ToSvg());
        Assert.Contains("left", texts);
        Assert.Contains("right", texts);
        Assert.Contains("both", texts);
        PlotAssert.Png(fig, 500, 250);
        string csv = fig.ToCsv().ToString();
        Assert.StartsWith("panel,series,x,y,category,value,error\n0,s,0,1,,,\n", csv);
        Assert.Contains("1,b,,,a,3,\n", csv);
    }

    [Fact]
    public void ArgumentValidation()
    {
        Assert.Throws<ArgumentException>(() => new Figure(0, 1));
        var fig = new Figure(1, 1);
        fig.Add(new LinePlot());
        Assert.Throws<InvalidOperationException>(() => fig.Add(new LinePlot()));
        Assert.Throws<ArgumentOutOfRangeException>(() => fig[1, 0]);
        Assert.Throws<ArgumentException>(() => fig[0, 0] = fig);
    }
}
