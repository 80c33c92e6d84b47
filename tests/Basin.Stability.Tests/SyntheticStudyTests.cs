using Basin.Tensors;

namespace Basin.Stability.Tests;

public class SyntheticStudyTests
{
    private static double MinCrossClassDistance(Basin.Data.LabeledImages d)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < d.Count; i++)
            for (int j = i + 1; j < d.Count; j++)
            {
                if (d.Labels[i] == d.Labels[j]) continue;
                var a = d.Image(i); var b = d.Image(j);
                double s = 0;
                for (int k = 0; k < a.Length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
                best = Math.Min(best, Math.Sqrt(s));
            }
        return best;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void ClassesAreSeparatedByTwiceEpsilon(int cells)
    {
        const double eps = 0.03;
        var rng = new Rng(4);
        var d = cells > 0 ? SyntheticStudy.SampleCheckerboard(rng, 600, 3, eps, cells, 9) : SyntheticStudy.Sample(rng, 600, 3, eps);
        Assert.True(d.Labels.Contains((byte)0) && d.Labels.Contains((byte)1));
        Assert.True(MinCrossClassDistance(d) >= 2 * eps - 1e-6);
    }

    [Fact]
    public void CheckerboardLabelsDependOnlyOnTheCellAndTheProblemSeed()
    {
        var a = SyntheticStudy.SampleCheckerboard(new Rng(1), 400, 2, 0.01, 4, 7);
        var b = SyntheticStudy.SampleCheckerboard(new Rng(2), 400, 2, 0.01, 4, 7);
        var cellLabel = new Dictionary<int, byte>();
        foreach (var d in new[] { a, b })
            for (int i = 0; i < d.Count; i++)
            {
                int cell = (int)(d.Image(i)[0] * 4) * 4 + (int)(d.Image(i)[1] * 4);
                if (cellLabel.TryGetValue(cell, out var l)) Assert.Equal(l, d.Labels[i]);
                else cellLabel[cell] = d.Labels[i];
            }
        Assert.Equal(16, cellLabel.Count);
        Assert.Throws<ArgumentException>(() => SyntheticStudy.SampleCheckerboard(new Rng(1), 10, 2, 0.2, 4, 7));
    }
}
