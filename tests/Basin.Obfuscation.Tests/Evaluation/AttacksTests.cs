using Basin.Obfuscation.Evaluation;
using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.Evaluation;

public class AttacksTests
{
    private const int D = 12;

    /// <summary>Anisotropic Gaussian data with distinct variances (so principal directions are identifiable) and skewed coordinates.</summary>
    private static double[] Data(int n, int seed)
    {
        var r = new Random(seed);
        var x = new double[n * D];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < D; j++)
            {
                double e = -Math.Log(1 - r.NextDouble()) - 1;   // exponential: skewed, mean 0
                x[i * D + j] = 0.5 + Math.Pow(2, -j / 2.0) * e;   // variances halve from one coordinate to the next
            }
        return x;
    }

    private static (AttackData Data, double[] Targets, double[] Truth) Setup(Func<double[], int, double[]> map, int dIn = D)
    {
        var known = Data(200, 1); var pub = Data(3000, 2); var test = Data(100, 3);
        var obfKnown = map(known, 200); var obfTest = map(test, 100);
        var observed = obfKnown.Concat(obfTest).ToArray();
        return (new AttackData(known, obfKnown, 0, pub, 3000, observed, 300, dIn, D), obfTest, test);
    }

    private static double Median(IAttacker a, AttackData d, int k, double[] targets, double[] truth) =>
        Basin.Tensors.Statistics.Summary.Median(RecoveryError.Relative(truth, a.Recover(d.WithKnownPairs(k), targets, 100), 100, D));

    private static Func<double[], int, double[]> Rotation()
    {
        var key = TestData.SmallKey(D, steps: 0, block: 4);
        foreach (var (_, p) in key.Network.NamedParameters()) p.Value.Fill(0);
        var t = new KeyedTransform(new ObfuscationKey(key.Secret, D, 0, 0, 1, key.Network));
        return t.ForwardRows;
    }

    [Fact]
    public void LeastSquares_RecoversAnAffineMap_FromAboutDPairs_AndNotFromFew()
    {
        var (data, targets, truth) = Setup(Rotation());
        var ls = new LeastSquaresAttacker();
        Assert.True(Median(ls, data, D + 1, targets, truth) < 1e-3);
        Assert.True(Median(ls, data, 2 * D, targets, truth) < 1e-5);
        Assert.True(Median(ls, data, 3, targets, truth) > 0.05);
    }

    [Fact]
    public void Procrustes_RecoversARotation_FromDPairs()
    {
        var (data, targets, truth) = Setup(Rotation());
        Assert.True(Median(new ProcrustesAttacker(), data, 2 * D, targets, truth) < 1e-6);
        Assert.True(Median(new ProcrustesAttacker(), data, 4, targets, truth) > 0.01);
    }

    [Fact]
    public void PcaIca_RecoversARotation_WithoutAnyPair_WhenVariancesAreDistinct()
    {
        var (data, targets, truth) = Setup(Rotation());
        double prior = Median(new LeastSquaresAttacker(), data, 0, targets, truth);
        double pca = Median(new PcaIcaAttacker(), data, 0, targets, truth);
        Assert.True(pca < 0.5 * prior, $"PCA/ICA {pca} vs prior {prior}");
    }

    [Fact]
    public void AllAttackers_WithoutPairs_FallBackToThePublicMean()
    {
        var (data, targets, truth) = Setup(Rotation());
        var prior = Median(new LeastSquaresAttacker(), data, 0, targets, truth);
        Assert.Equal(prior, Median(new ProcrustesAttacker(), data, 0, targets, truth), 12);
        Assert.Equal(prior, Median(new LearnedInverseAttacker(hidden: 8, epochs: 3), data, 0, targets, truth), 12);
    }

    [Fact]
    public void LearnedInverse_BeatsLeastSquares_OnANonlinearMap()
    {
        // y = x + 0.2·sin(4x) coordinate-wise (monotone: 1 + 0.8 cos ≥ 0.2), then a rotation: invertible but not affine.
        var rot = Rotation();
        double[] Map(double[] x, int n) => rot(x.Select(v => v + 0.2 * Math.Sin(4 * v)).ToArray(), n);
        var (data, targets, truth) = Setup(Map);
        double ls = Median(new LeastSquaresAttacker(), data, 200, targets, truth);
        double learned = Median(new LearnedInverseAttacker(hidden: 64, epochs: 200), data, 200, targets, truth);
        Assert.True(learned < ls, $"learned {learned} vs least squares {ls}");
    }

    [Fact]
    public void Attackers_HandleAProjection_ToFewerDimensions()
    {
        var r = new Random(5);
        var a = Enumerable.Range(0, 4 * D).Select(_ => r.NextDouble() - 0.5).ToArray();
        double[] Proj(double[] x, int n)
        {
            var y = new double[n * 4];
            for (int i = 0; i < n; i++) for (int p = 0; p < 4; p++) for (int j = 0; j < D; j++) y[i * 4 + p] += a[p * D + j] * x[i * D + j];
            return y;
        }
        var (data, targets, truth) = Setup(Proj, dIn: 4);
        foreach (var att in new IAttacker[] { new LeastSquaresAttacker(), new ProcrustesAttacker(), new PcaIcaAttacker(), new LearnedInverseAttacker(hidden: 8, epochs: 5) })
        {
            var m = Median(att, data, 50, targets, truth);
            Assert.True(double.IsFinite(m) && m > 0.01, $"{att.Name}: {m} (a 4-dim projection of 12-dim data cannot be inverted)");
        }
    }

    [Fact]
    public void RelativeError_IsCorrect()
    {
        var e = RecoveryError.Relative([3, 4, 0, 0], [3, 4, 1, 0], 2, 2);
        Assert.Equal([0.0, 1.0], e);
    }
}
