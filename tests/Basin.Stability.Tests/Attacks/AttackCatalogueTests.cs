using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Stability.Tests.Attacks;

/// <summary>Every attack of the catalogue, on a small logistic regression of the built-in letters.</summary>
public class AttackCatalogueTests
{
    private static readonly Lazy<(MlpClassifier Model, MlpClassifier Surrogate, double[] X, int[] Y)> Setup = new(() =>
    {
        var train = Letters.Create(40, 0.2, seed: 1);
        var c = new MlpClassifier([49, 5], seed: 2);
        BaselineTrainer.Train(c, train, epochs: 20, batch: 50, learningRate: 1e-2);
        var s = new MlpClassifier([49, 5], seed: 5);
        BaselineTrainer.Train(s, train, epochs: 20, batch: 50, learningRate: 1e-2, seed: 3);
        var t = Letters.Create(3, 0.15, seed: 4);
        var test = ImageBatch.From(t, 0, t.Count);
        return (c, s, test.Pixels, test.Labels);
    });

    private static AttackSettings Settings => new(Iterations: 10, Queries: 100, Decision: new HopSkipJumpOptions(Iterations: 5, InitialSamples: 10, MaxSamples: 20),
        Surrogate: Setup.Value.Surrogate, MinimalRounds: 4, Seed: 3);

    public static TheoryData<string> Names => new(AttackCatalogue.Names);

    private static double Accuracy(IClassifier c, double[]?[] adv, double[] x, int[] y)
    {
        int d = c.Dimension, right = 0;
        for (int b = 0; b < y.Length; b++) if (Attack.Predict(c, adv[b] ?? x.AsSpan(b * d, d).ToArray()) == y[b]) right++;
        return (double)right / y.Length;
    }

    [Fact]
    public void NamesAreUniqueAndFollowTheScheme()
    {
        Assert.Equal(AttackCatalogue.Names.Count, AttackCatalogue.Names.Distinct().Count());
        foreach (var a in AttackCatalogue.All)
        {
            Assert.EndsWith(a.Norm == Norm.LInf ? "-linf" : "-l2", a.Name);
            Assert.Equal(a.Name, a.Name.ToLowerInvariant());
            Assert.False(string.IsNullOrWhiteSpace(a.Description));
            Assert.Same(a, AttackCatalogue.Find(a.Name));
        }
        foreach (var (alias, name) in AttackCatalogue.Aliases) Assert.Equal(name, AttackCatalogue.Find(alias).Name);
        var e = Assert.Throws<ArgumentException>(() => AttackCatalogue.Find("nonsense"));
        foreach (var n in AttackCatalogue.Names) Assert.Contains(n, e.Message);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void AttackNeverRaisesAccuracyAndStaysInItsBudget(string name)
    {
        var (c, _, x, y) = Setup.Value;
        var attack = AttackCatalogue.Find(name);
        int d = c.Dimension, n = y.Length;
        var clean = Accuracy(c, new double[]?[n], x, y);
        Assert.True(clean > 0.6, $"clean accuracy {clean}");
        var zero = attack.Run(c, x, y, new double[n], Settings);
        Assert.Equal(n, zero.Length);
        Assert.True(Accuracy(c, zero, x, y) <= clean, $"{name} at ε = 0 raised the accuracy");
        if (!attack.MinimalNorm)
            for (int b = 0; b < n; b++) Assert.Equal(0, Attack.Distance(zero[b]!, x.AsSpan(b * d, d), attack.Norm), 12);
        // on the correctly classified rows at a real budget: within the box, within ε, accuracy does not rise
        var rows = Enumerable.Range(0, n).Where(b => Attack.Predict(c, x.AsSpan(b * d, d)) == y[b]).ToArray();
        var xs = rows.SelectMany(b => x.AsSpan(b * d, d).ToArray()).ToArray();
        var ys = rows.Select(b => y[b]).ToArray();
        double eps = attack.Norm == Norm.LInf ? 0.3 : 2.0;
        var adv = attack.Run(c, xs, ys, Enumerable.Repeat(eps, ys.Length).ToArray(), Settings);
        Assert.True(Accuracy(c, adv, xs, ys) <= 1.0);
        for (int a = 0; a < ys.Length; a++)
        {
            if (adv[a] is not { } p) continue;
            Assert.All(p, v => Assert.InRange(v, 0.0, 1.0));
            if (!attack.MinimalNorm) Assert.True(Attack.Distance(p, xs.AsSpan(a * d, d), attack.Norm) <= eps + 1e-9, $"{name}: row {a} outside its ε-ball");
            else Assert.NotEqual(ys[a], Attack.Predict(c, p));
        }
        if (attack.Kind == AttackKind.Gradient) Assert.True(Accuracy(c, adv, xs, ys) < 1.0, $"{name} broke nothing at ε = {eps}");
    }
}
