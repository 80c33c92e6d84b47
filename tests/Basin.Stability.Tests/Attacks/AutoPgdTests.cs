using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;

namespace Basin.Stability.Tests.Attacks;

/// <summary>APGD-CE and APGD-T against known answers: the schedule, the DLR gradients, the closed form of a linear model, PGD-40.</summary>
public class AutoPgdTests
{
    [Fact]
    public void CheckpointsFollowAutoAttacksSchedule()
    {
        // p = 0, 0.22, 0.41, 0.57, 0.70, 0.80, 0.87, 0.93, 0.99 (intervals shrink by 0.03 down to 0.06)
        Assert.Equal(new[] { 22, 41, 57, 70, 80, 87, 93, 99 }, AutoPgd.Checkpoints(100));
        Assert.Equal(new[] { 22, 41, 57, 70, 80, 87, 93, 99 }.Select(v => 2 * v).ToArray(), AutoPgd.Checkpoints(200));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DlrGradientMatchesFiniteDifferences(bool targeted)
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 20; trial++)
        {
            var s = Enumerable.Range(0, 6).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
            int y = trial % 6, other = targeted ? (y + 1 + trial % 5) % 6 : Enumerable.Range(0, 6).Where(j => j != y).MaxBy(j => s[j]);
            var g = new double[6];
            double f = Attack.Dlr(s, y, other, targeted, g);
            if (!targeted) Assert.Equal(f, Attack.LossGradient(s, y, AttackLoss.Dlr, new double[6]), 12);
            for (int j = 0; j < 6; j++)
            {
                var sp = (double[])s.Clone(); sp[j] += 1e-6;
                var sm = (double[])s.Clone(); sm[j] -= 1e-6;
                double fd = (Attack.Dlr(sp, y, other, targeted, new double[6]) - Attack.Dlr(sm, y, other, targeted, new double[6])) / 2e-6;
                Assert.Equal(fd, g[j], 5);
            }
        }
    }

    /// <summary>
    /// Logistic regression on letters mapped into [0.25, 0.75]: without the box an image is non-robust at L2 budget ε iff its
    /// distance to the decision boundary, dist = min_{j≠y} (s_y − s_j)/‖w_y − w_j‖₂, is below ε. With the box, dist &lt; ε stays
    /// necessary, and it is sufficient whenever the nearest boundary point x − dist·(w_y − w_j*)/‖w_y − w_j*‖ lies in [0,1]ᴰ
    /// (checked per image; the images where it does not are only required to stay robust when dist ≥ ε). APGD-CE then APGD-T
    /// (per-image worst case) must find exactly the non-robust images.
    /// </summary>
    [Fact]
    public void L2RobustAccuracyOfLogisticRegressionEqualsTheClosedForm()
    {
        var train = Letters.Create(40, 0.2, seed: 1);
        var c = new MlpClassifier([49, 5], seed: 2);
        BaselineTrainer.Train(c, train, epochs: 20, batch: 50, learningRate: 1e-2);
        var t = ImageBatch.From(Letters.Create(8, 0.15, seed: 4), 0, 40);
        var x = t.Pixels.Select(v => 0.25 + 0.5 * Math.Clamp(v, 0, 1)).ToArray();
        int d = c.Dimension, k = c.Classes, n = t.Labels.Length;
        var y = t.Labels;
        // distance to the boundary of the true class; w_y − w_j as the input gradient of s_y − s_j
        var s = new double[n * k];
        c.Scores(x, n, s);
        var dist = new double[n];
        var boxFree = new bool[n];
        for (int b = 0; b < n; b++)
        {
            dist[b] = double.PositiveInfinity;
            double[] nearest = [];
            for (int j = 0; j < k; j++)
            {
                if (j == y[b]) continue;
                var gs = new double[k]; gs[y[b]] = 1; gs[j] = -1;
                var w = new double[d];
                c.InputGradient(x.AsSpan(b * d, d), 1, gs, w, new double[k]);
                double wn = Math.Sqrt(w.Sum(v => v * v)), dj = (s[b * k + y[b]] - s[b * k + j]) / wn;
                if (dj < dist[b]) { dist[b] = dj; nearest = w.Select(v => v / wn).ToArray(); }
            }
            boxFree[b] = Enumerable.Range(0, d).All(i => x[b * d + i] - 1.001 * dist[b] * nearest[i] is >= 0 and <= 1);
        }
        var positive = dist.Where(v => v > 0).Order().ToArray();
        Assert.True(positive.Length > n / 2, $"clean accuracy {positive.Length}/{n}");
        Assert.True(boxFree.Count(v => v) > 3 * n / 4, $"the box binds for {boxFree.Count(v => !v)} of {n} images");
        // budgets halfway between consecutive distances (no image near its boundary)
        var budgets = new List<double>();
        for (int i = 0; i + 1 < positive.Length; i += Math.Max(1, positive.Length / 6))
            if (positive[i + 1] - positive[i] > 1e-3) budgets.Add(0.5 * (positive[i] + positive[i + 1]));
        Assert.True(budgets.Count >= 4, $"only {budgets.Count} budgets");
        var settings = new AttackSettings(Iterations: 100, Seed: 5);
        foreach (var eps in budgets)
        {
            var e = Enumerable.Repeat(eps, n).ToArray();
            var ce = new ApgdCe(Norm.L2).Run(c, x, y, e, settings);
            var tt = new ApgdT(Norm.L2).Run(c, x, y, e, settings);
            var fooled = Attack.Succeeded(c, ce, y).Zip(Attack.Succeeded(c, tt, y), (a, b2) => a || b2).ToArray();
            for (int b = 0; b < n; b++)
            {
                Assert.True(Attack.L2(ce[b]!, x.AsSpan(b * d, d)) <= eps + 1e-9);
                Assert.True(Attack.L2(tt[b]!, x.AsSpan(b * d, d)) <= eps + 1e-9);
                if (dist[b] >= eps || boxFree[b]) Assert.True(fooled[b] == dist[b] < eps, $"ε = {eps}: image {b} at distance {dist[b]} fooled = {fooled[b]}");
            }
        }
    }

    /// <summary>On a ReLU MLP of the letters, APGD-CE (100 steps) leaves no more images robust than PGD-40 (margin and CE loss), at every ε.</summary>
    [Theory]
    [InlineData(Norm.LInf, new[] { 0.05, 0.1, 0.15, 0.2, 0.3 })]
    [InlineData(Norm.L2, new[] { 0.25, 0.5, 1.0, 1.5, 2.0 })]
    public void ApgdCeIsAtLeastAsStrongAsPgd40OnTheMlp(Norm norm, double[] budgets)
    {
        var train = Letters.Create(40, 0.2, seed: 1);
        var c = new MlpClassifier([49, 32, 5], seed: 2);
        BaselineTrainer.Train(c, train, epochs: 30, batch: 50, learningRate: 1e-2);
        var t = ImageBatch.From(Letters.Create(10, 0.15, seed: 4), 0, 50);
        var (x, y) = (t.Pixels, t.Labels);
        int n = y.Length;
        string sfx = norm == Norm.LInf ? "linf" : "l2";
        foreach (var eps in budgets)
        {
            var e = Enumerable.Repeat(eps, n).ToArray();
            int Robust(IAttack a, int iterations) =>
                Attack.Succeeded(c, a.Run(c, x, y, e, new AttackSettings(Iterations: iterations, Seed: 7)), y).Count(f => !f);
            int apgd = Robust(AttackCatalogue.Find($"apgd-ce-{sfx}"), 100);
            int pgdMargin = Robust(AttackCatalogue.Find($"pgd-margin-{sfx}"), 40), pgdCe = Robust(AttackCatalogue.Find($"pgd-ce-{sfx}"), 40);
            Assert.True(apgd <= Math.Min(pgdMargin, pgdCe), $"ε = {eps}: APGD-CE leaves {apgd} robust, PGD-40 margin {pgdMargin}, CE {pgdCe}");
        }
    }

    /// <summary>AutoAttack fools every image APGD-CE alone fools (same seed, same first stage), at most one fewer than APGD-T alone (whose random starts differ on the subset it sees inside AutoAttack), and names a winner whose point does fool.</summary>
    [Theory]
    [InlineData(Norm.LInf, 0.3)]
    [InlineData(Norm.L2, 1.5)]
    public void AutoAttackKeepsThePerImageWorstCase(Norm norm, double eps)
    {
        var train = Letters.Create(40, 0.2, seed: 1);
        var c = new MlpClassifier([49, 32, 5], seed: 2);
        BaselineTrainer.Train(c, train, epochs: 30, batch: 50, learningRate: 1e-2);
        var t = ImageBatch.From(Letters.Create(10, 0.15, seed: 4), 0, 50);
        var (x, y) = (t.Pixels, t.Labels);
        var e = Enumerable.Repeat(eps, y.Length).ToArray();
        var settings = new AttackSettings(Iterations: 50, Queries: 300, Seed: 9);
        var aa = new AutoAttack(norm);
        var r = aa.Evaluate(c, x, y, e, settings);
        var fooled = Attack.Succeeded(c, r.Points, y);
        var ce = Attack.Succeeded(c, new ApgdCe(norm).Run(c, x, y, e, settings), y);
        var tt = Attack.Succeeded(c, new ApgdT(norm).Run(c, x, y, e, settings), y);
        for (int b = 0; b < y.Length; b++)
        {
            if (ce[b]) Assert.True(fooled[b], $"image {b}: APGD-CE fools it, AutoAttack does not");
            Assert.Equal(fooled[b], r.Winner[b] != null);
            if (r.Winner[b] is { } w) Assert.Contains(w, aa.Components.Select(a => a.Name).Append("clean"));
        }
        Assert.True(fooled.Count(f => f) >= Math.Max(ce.Count(f => f), tt.Count(f => f)) - 1);
        Assert.True(fooled.Count(f => f) > 0, "AutoAttack fooled nothing");
        Assert.Equal(y.Length - fooled.Count(f => f), (int)Math.Round(r.RobustAccuracy * y.Length));
    }
}
