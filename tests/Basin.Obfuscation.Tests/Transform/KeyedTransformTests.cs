using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.Transform;

public class KeyedTransformTests
{
    [Fact]
    public void RoundTrip_IsBelow1e9Relative_ForRandomKeysDimensionsBlocksCentresAndScales()
    {
        // Property: for any key (dimension, block width, geometry weight, standardisation) and any finite input,
        // T⁻¹(T(x)) = x up to float64 rounding. 30 random cases, each with 16 rows spanning six decades of magnitude.
        var r = new Random(7);
        for (int trial = 0; trial < 30; trial++)
        {
            int d = r.Next(2, 48), block = r.Next(2, Math.Min(d, 12) + 1);
            double w = trial % 3 == 0 ? 0 : Math.Pow(10, r.NextDouble() * 4 - 1);
            double scale = Math.Pow(10, r.NextDouble() * 6 - 3), center = (r.NextDouble() - 0.5) * 10 * scale;
            var key = TestData.SmallKey(d, w, seed: trial, steps: trial % 5, block: block, center: center, scale: scale);
            var t = new KeyedTransform(key);
            var x = TestData.RandomRows(r, 16, d, scale * Math.Pow(10, r.NextDouble() * 2 - 1), center);
            var y = t.ForwardRows(x, 16);
            var back = t.InverseRows(y, 16);
            double err = TestData.MaxRelativeError(x, back, 16, d);
            Assert.True(err < 1e-9, $"trial {trial} (d {d}, b {block}, w {w}): {err}");
            Assert.True(TestData.MaxRelativeError(x, y, 16, d) > 1e-3, $"trial {trial}: the transform left the data unchanged");
        }
    }

    [Fact]
    public void SingleVectorAndBatchPaths_Agree()
    {
        var t = new KeyedTransform(TestData.SmallKey(20, block: 6));
        var x = TestData.RandomRows(new Random(1), 5, 20, 1);
        var batch = t.ForwardRows(x, 5);
        var one = new double[20];
        for (int i = 0; i < 5; i++)
        {
            t.Forward(x.AsSpan(i * 20, 20), one);
            for (int j = 0; j < 20; j++) Assert.Equal(batch[i * 20 + j], one[j], 12);
        }
    }

    [Fact]
    public void SameSecret_GivesSameMap_OtherSecret_GivesAnotherMap()
    {
        var x = TestData.RandomRows(new Random(2), 4, 24, 1);
        var a = new KeyedTransform(TestData.SmallKey(24, seed: 5)).ForwardRows(x, 4);
        var b = new KeyedTransform(TestData.SmallKey(24, seed: 5)).ForwardRows(x, 4);
        var c = new KeyedTransform(TestData.SmallKey(24, seed: 6)).ForwardRows(x, 4);
        Assert.Equal(a, b);
        Assert.True(TestData.MaxRelativeError(a, c, 4, 24) > 0.1);
    }

    [Fact]
    public void WrongKey_DoesNotInvert()
    {
        var x = TestData.RandomRows(new Random(3), 8, 32, 1);
        var y = new KeyedTransform(TestData.SmallKey(32, seed: 1)).ForwardRows(x, 8);
        var wrong = new KeyedTransform(TestData.SmallKey(32, seed: 2)).InverseRows(y, 8);
        Assert.True(RecoveryErrorMedian(x, wrong, 8, 32) > 0.5);
    }

    [Fact]
    public void WithZeroCoupling_TheMapIsAnIsometry()
    {
        var key = TestData.SmallKey(30, steps: 0);
        foreach (var (_, p) in key.Network.NamedParameters()) p.Value.Fill(0);
        var t = new KeyedTransform(new ObfuscationKey(key.Secret, 30, 0, 0, 1, key.Network));
        var x = TestData.RandomRows(new Random(4), 10, 30, 1);
        var y = t.ForwardRows(x, 10);
        for (int i = 0; i < 10; i++)
            for (int j = i + 1; j < 10; j++)
                Assert.Equal(Dist(x, i, j, 30), Dist(y, i, j, 30), 10);
    }

    [Fact]
    public void BadShapes_AreRejected()
    {
        var t = new KeyedTransform(TestData.SmallKey(10, block: 4));
        Assert.Throws<ArgumentException>(() => t.Forward(new double[9], new double[10]));
        Assert.Throws<ArgumentException>(() => t.ForwardRows(new double[25], 3, new double[30]));
    }

    private static double Dist(double[] x, int i, int j, int d)
    {
        double s = 0;
        for (int k = 0; k < d; k++) { double u = x[i * d + k] - x[j * d + k]; s += u * u; }
        return Math.Sqrt(s);
    }

    private static double RecoveryErrorMedian(double[] x, double[] y, int n, int d) =>
        Basin.Tensors.Statistics.Summary.Median(Basin.Obfuscation.Evaluation.RecoveryError.Relative(x, y, n, d));
}
