using Basin.Plotting;

namespace Basin.Plotting.Tests.Rendering;

public class SkiaOutputTests
{
    [Fact]
    public void TheSameFigureGivesTheSameSvgTextEveryTime()
    {
        var plot = new LinePlot { Title = "twice" };
        plot.Add("a", [0.0, 1, 2], [1.0, 3, 2]);
        string first = plot.ToSvg(), second = plot.ToSvg();
        Assert.Contains("cl_0", first);
        Assert.Equal(first, second);
    }
}
