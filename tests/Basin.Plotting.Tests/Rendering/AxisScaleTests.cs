namespace Basin.Plotting.Tests.Rendering;

public class AxisScaleTests
{
    [Theory]
    [InlineData(0.5, 1.0, "0.5")]
    [InlineData(0.30000000000000004, 1.0, "0.3")]
    [InlineData(-2.25, 0.5, "\u22122.25")]
    [InlineData(120, 400, "120")]
    [InlineData(2e-15, 1e-14, "2e\u221215")]
    [InlineData(-4e-15, 1e-14, "\u22124e\u221215")]
    [InlineData(1e-18, 1.0, "0")]
    [InlineData(2500000, 5e6, "2.5e6")]
    public void LinearLabelsKeepAdjacentTicksApart(double v, double span, string expected) => Assert.Equal(expected, AxisScale.Label(v, span));

    [Theory]
    [InlineData(-2, "0.01")]
    [InlineData(3, "1000")]
    [InlineData(-6, "10\u207B\u2076")]
    [InlineData(12, "10\u00B9\u00B2")]
    public void DecadeLabels(double k, string expected) => Assert.Equal(expected, AxisScale.Decade(k));

    [Fact]
    public void LogAxisMapsPositiveValuesAndSnapsToDecades()
    {
        var log = new AxisScale(true);
        Assert.Equal(2, log.Map(100), 12);
        Assert.True(double.IsNaN(log.Map(0)));
        Assert.False(log.Accepts(-1));
        Assert.Equal((1.0, 4.0), log.Snap(1.7, 3.8, 1.6, 3.9, 0));
        (double lo, double hi) = log.Snap(0, 2.08, -0.1, 2.2, 0.025);
        Assert.Equal(-0.075, lo, 12);
        Assert.Equal(3.075, hi, 12);
        Assert.Equal((0.1, 0.9), new AxisScale(false).Snap(0.2, 0.8, 0.1, 0.9, 0.05));
    }
}
