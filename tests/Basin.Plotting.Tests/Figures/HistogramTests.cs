namespace Basin.Plotting.Tests.Figures;

public class HistogramTests
{
    [Fact]
    public void CountsUseHalfOpenBinsWithClosedLastBin()
    {
        long[] counts = HistogramBinning.Count([0, 0.5, 1, 1.5, 2, 2, 3, -1, double.NaN], [0, 1, 2]);
        Assert.Equal(new long[] { 2, 4 }, counts);
    }

    [Fact]
    public void EdgesSpanFiniteData()
    {
        double[] edges = HistogramBinning.Edges([3, 1, double.PositiveInfinity, 2, 5], 4);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5 }, edges);
        Assert.Equal(new double[] { 6.5, 7.5 }, HistogramBinning.Edges([7, 7], 1));
        long[] counts = HistogramBinning.Count([3, 1, 2, 5, 4.99], edges);
        Assert.Equal(new long[] { 1, 1, 1, 2 }, counts);
        Assert.Equal(5, counts.Sum());
    }

    [Fact]
    public void SeriesShareEdgesAndDensityIntegratesToOne()
    {
        var rng = new Random(3);
        var h = new Histogram { Bins = 10, Density = true };
        h.Add("a", Enumerable.Range(0, 500).Select(_ => rng.NextDouble()).ToArray());
        h.Add("b", Enumerable.Range(0, 300).Select(_ => 2 * rng.NextDouble()).ToArray());
        double[] edges = h.ComputeEdges();
        double[][] heights = h.ComputeHeights();
        Assert.Equal(11, edges.Length);
        foreach (double[] series in heights)
        {
            Assert.Equal(1.0, series.Select((d, i) => d * (edges[i + 1] - edges[i])).Sum(), 9);
        }
    }

    [Fact]
    public void RendersWithLogYAndGivenEdges()
    {
        var h = new Histogram { LogY = true, Edges = [0, 1, 2, 4], Title = "t", XLabel = "v", YLabel = "n" };
        h.Add("x", [0.5, 0.5, 1.5, 3, 3, 3, 10]);
        Assert.Contains("n", PlotAssert.SvgTexts(h.ToSvg(300, 200)));
        PlotAssert.Png(h, 300, 200);
        Assert.Equal("series,bin_low,bin_high,count\nx,0,1,2\nx,1,2,1\nx,2,4,3\n", h.ToCsv().ToString());
    }

    [Fact]
    public void ArgumentValidation()
    {
        var h = new Histogram();
        Assert.Throws<ArgumentException>(() => h.Bins = 0);
        Assert.Throws<ArgumentException>(() => h.Edges = [0, 0]);
        Assert.Throws<ArgumentException>(() => h.Edges = [1]);
        Assert.Throws<ArgumentException>(() => HistogramBinning.Edges([1, 2], -3));
    }

    [Fact]
    public void EmptyHistogramIsValid()
    {
        var h = new Histogram();
        PlotAssert.SvgTexts(h.ToSvg(200, 150));
        PlotAssert.Png(h, 200, 150);
    }
}
