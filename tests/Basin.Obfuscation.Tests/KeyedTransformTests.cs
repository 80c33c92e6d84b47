using Basin.Obfuscation;

namespace Basin.Obfuscation.Tests;

public class KeyedTransformTests
{
    private static double[] RandomRows(Random r, int n, int d, double scale)
    {
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = scale * (r.NextDouble() * 2 - 1);
        return x;
    }

    [Fact]
    public void RoundTrip_IsBelow1e9Relative_ForRandomKeysDimsGeometriesAndScales()
    {
        var r = new Random(7);
        for (int trial = 0; trial < 40; trial++)
        {
            int d = r.Next(2, 40);
            double w = trial % 4 == 0 ? 0 : Math.Pow(10, r.NextDouble() * 4 - 2);
            double scale = Math.Pow(10, r.NextDouble() * 6 - 3);
            var secret = new byte[32]; r.NextBytes(secret);
            var t = new KeyedTransform(new ObfuscationKey(secret, d, w, r.Next(0, 6), scale));
            var x = RandomRows(r, 20, d, scale * Math.Pow(10, r.NextDouble() * 2 - 1));
            var back = t.InverseRows(t.ForwardRows(x, 20), 20);
            foreach (var e in Attacks.RelativeErrors(x, back, 20, d)) Assert.True(e < 1e-9, $"trial {trial}: {e}");
        }
    }

    [Fact]
    public void SameKey_SameTransform_OtherKey_Differs()
    {
        var secret = new byte[32]; new Random(1).NextBytes(secret);
        var a = new KeyedTransform(new ObfuscationKey(secret, 6, 1));
        var b = new KeyedTransform(new ObfuscationKey((byte[])secret.Clone(), 6, 1));
        var c = new KeyedTransform(ObfuscationKey.Generate(6, 1));
        double[] x = [1, 2, 3, 4, 5, 6];
        Assert.Equal(a.ForwardRows(x, 1), b.ForwardRows(x, 1));
        Assert.NotEqual(a.ForwardRows(x, 1), c.ForwardRows(x, 1));
        Assert.Equal(a.Key.Fingerprint, b.Key.Fingerprint);
        Assert.NotEqual(a.Key.Fingerprint, c.Key.Fingerprint);
    }

    [Fact]
    public void InfiniteGeometry_IsAnIsometry()
    {
        var t = new KeyedTransform(ObfuscationKey.Generate(10, double.PositiveInfinity, 3));
        var r = new Random(3);
        var x = RandomRows(r, 2, 10, 1);
        var y = t.ForwardRows(x, 2);
        double dx = 0, dy = 0;
        for (int j = 0; j < 10; j++) { dx += Math.Pow(x[j] - x[10 + j], 2); dy += Math.Pow(y[j] - y[10 + j], 2); }
        Assert.Equal(Math.Sqrt(dx), Math.Sqrt(dy), 12);
    }
}
