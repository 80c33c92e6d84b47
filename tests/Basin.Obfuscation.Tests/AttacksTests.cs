using Basin.Obfuscation;

namespace Basin.Obfuscation.Tests;

public class AttacksTests
{
    private static (double[] x, int[] y) Blobs(Random r, int n, int d)
    {
        var x = new double[n * d]; var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 3;
            for (int j = 0; j < d; j++) x[i * d + j] = (j % 3 == y[i] ? 2.0 : 0.0) + r.NextDouble() * 1.5;
        }
        return (x, y);
    }

    [Fact]
    public void LeastSquares_RecoversHaarRotation_FromDPlusOnePairs_TheMazurUlamTrap()
    {
        const int d = 12;
        var t = new KeyedTransform(ObfuscationKey.Generate(d, double.PositiveInfinity, 2));
        var r = new Random(5);
        var known = new double[(d + 1) * d];
        for (int i = 0; i < known.Length; i++) known[i] = r.NextDouble() * 2 - 1;
        var targets = new double[30 * d];
        for (int i = 0; i < targets.Length; i++) targets[i] = r.NextDouble() * 2 - 1;
        var rec = Attacks.LeastSquares(known, t.ForwardRows(known, d + 1), d + 1, d, t.ForwardRows(targets, 30), 30);
        Assert.True(Attacks.Median(Attacks.RelativeErrors(targets, rec, 30, d)) < 1e-6);
    }

    [Fact]
    public void LeastSquares_FailsAgainstStrongCoupling_WithTheSamePairs()
    {
        const int d = 12;
        var t = new KeyedTransform(ObfuscationKey.Generate(d, 0, 4));
        var r = new Random(5);
        var known = new double[(d + 1) * d];
        for (int i = 0; i < known.Length; i++) known[i] = r.NextDouble() * 2 - 1;
        var targets = new double[30 * d];
        for (int i = 0; i < targets.Length; i++) targets[i] = r.NextDouble() * 2 - 1;
        var rec = Attacks.LeastSquares(known, t.ForwardRows(known, d + 1), d + 1, d, t.ForwardRows(targets, 30), 30);
        Assert.True(Attacks.Median(Attacks.RelativeErrors(targets, rec, 30, d)) > 0.05);
    }

    [Fact]
    public void Knn_OnPureRotation_EqualsPlainAccuracy()
    {
        const int d = 9;
        var r = new Random(11);
        var (xtr, ytr) = Blobs(r, 150, d);
        var (xte, yte) = Blobs(r, 60, d);
        var t = new KeyedTransform(ObfuscationKey.Generate(d, double.PositiveInfinity, 0));
        double plain = Attacks.KnnAccuracy(xtr, ytr, xte, yte, d, 3);
        double rot = Attacks.KnnAccuracy(t.ForwardRows(xtr, 150), ytr, t.ForwardRows(xte, 60), yte, d, 3);
        Assert.Equal(plain, rot);
        Assert.True(plain > 0.5);
    }
}
