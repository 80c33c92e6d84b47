using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Certification;
using Basin.Stability.Classifiers;
using Basin.Tensors;
using MathNet.Numerics.Distributions;

namespace Basin.Stability.Tests.Certification;

public class RandomizedSmoothingTests
{
    /// <summary>A two-class logistic regression: its decision is sign(f(x)), f(x) = z₁ − z₀ = w·x + b.</summary>
    private static (MlpClassifier C, double[] W) Linear(int d, ulong seed)
    {
        var c = new MlpClassifier([d, 2], seed);
        var wt = c.Network.Layers[0].Weight.Value;
        var w = Enumerable.Range(0, d).Select(i => wt[i, 1] - wt[i, 0]).ToArray();
        return (c, w);
    }

    private static double F(IClassifier c, double[] x)
    {
        var s = new double[2];
        c.Scores(x, 1, s);
        return s[1] - s[0];
    }

    /// <summary>A point x with w·x + b = <paramref name="target"/>: x₀ moved along w.</summary>
    private static double[] At(IClassifier c, double[] w, double target, Rng rng)
    {
        var x = Enumerable.Range(0, w.Length).Select(_ => 0.4 + 0.2 * rng.NextDouble()).ToArray();
        double f = F(c, x), ww = w.Sum(v => v * v);
        for (int i = 0; i < x.Length; i++) x[i] += (target - f) * w[i] / ww;
        return x;
    }

    [Fact]
    public void LinearClassifierMatchesTheClosedForm()
    {
        // Smoothing sign(w·x + b) with 𝒩(0, σ²I): p_A = Φ(|w·x + b|/(σ‖w‖)), so R → σ·Φ⁻¹(p_A) = |w·x + b|/‖w‖ as n → ∞.
        const int d = 20, n = 100_000;
        const double sigma = 0.5, alpha = 0.001;
        var (c, w) = Linear(d, 5);
        double norm = Math.Sqrt(w.Sum(v => v * v));
        var g = new SmoothedClassifier(c, sigma, batchSize: 2000);
        var rng = new Rng(11);
        foreach (double t in new[] { 0.3, 1.0, 2.0, -1.5 })
        {
            var x = At(c, w, t * sigma * norm, rng);
            double distance = Math.Abs(F(c, x)) / norm, pA = Normal.CDF(0, 1, Math.Abs(t));
            Assert.Equal(Math.Abs(t) * sigma, distance, 1e-9);
            var cert = g.Certify(x, 100, n, alpha, new Rng(21).Fork((ulong)(t * 10 + 100)));
            double s = Math.Sqrt(pA * (1 - pA) / n);
            Assert.Equal(t > 0 ? 1 : 0, cert.Predicted);
            // Lower bound: below p_A (the guarantee), and within the binomial noise (4.5 s) plus the bound's width (3.1 s) of it.
            Assert.True(cert.PALower <= pA + s, $"t = {t}: p_A lower {cert.PALower} above p_A {pA}");
            Assert.True(cert.PALower >= pA - 8 * s - 2.0 / n, $"t = {t}: p_A lower {cert.PALower} too far below p_A {pA} (s = {s})");
            Assert.True(cert.Radius <= distance + sigma * s / Normal.PDF(0, 1, t), $"t = {t}: radius {cert.Radius} exceeds the distance {distance}");
            Assert.True(cert.Radius >= sigma * Normal.InvCDF(0, 1, pA - 8 * s - 2.0 / n), $"t = {t}: radius {cert.Radius} vs distance {distance}");
        }
        // The radius approaches the distance as n grows.
        var x1 = At(c, w, 1.0 * sigma * norm, rng);
        double gapSmall = sigma - g.Certify(x1, 100, 1000, alpha, new Rng(3)).Radius, gapLarge = sigma - g.Certify(x1, 100, n, alpha, new Rng(3)).Radius;
        Assert.True(gapLarge > 0 && gapLarge < gapSmall / 3, $"gap at n = 1000: {gapSmall}, at n = {n}: {gapLarge}");
    }

    [Fact]
    public void ClopperPearsonMatchesItsClosedFormsAndDefinition()
    {
        foreach (int n in new[] { 1, 10, 1000, 100_000 })
            foreach (double a in new[] { 0.001, 0.05 })
            {
                Assert.Equal(Math.Pow(a, 1.0 / n), BinomialBounds.ClopperPearsonLower(n, n, a), 12);
                Assert.Equal(0, BinomialBounds.ClopperPearsonLower(0, n, a));
                Assert.Equal(1 - Math.Pow(a, 1.0 / n), BinomialBounds.ClopperPearsonUpper(0, n, a), 12);
            }
        // Definition: P(X ≥ k | Bin(n, lower)) = α and P(X ≤ k | Bin(n, upper)) = α, summed term by term.
        foreach (var (k, n, a) in new[] { (3, 10, 0.05), (30, 100, 0.001), (77, 80, 0.01), (1, 2, 0.2) })
        {
            double lo = BinomialBounds.ClopperPearsonLower(k, n, a), hi = BinomialBounds.ClopperPearsonUpper(k, n, a);
            double upperTail = Enumerable.Range(k, n - k + 1).Sum(i => Binomial.PMF(lo, n, i));
            double lowerTail = Enumerable.Range(0, k + 1).Sum(i => Binomial.PMF(hi, n, i));
            Assert.Equal(a, upperTail, 1e-9);
            Assert.Equal(a, lowerTail, 1e-9);
            Assert.True(lo < (double)k / n && (double)k / n < hi);
        }
        // The two-sided binomial test at ½: scipy's definition, summed term by term.
        foreach (int n in new[] { 1, 7, 20, 101 })
            for (int k = 0; k <= n; k++)
            {
                double pk = Binomial.PMF(0.5, n, k);
                double exact = Math.Min(1, Enumerable.Range(0, n + 1).Select(i => Binomial.PMF(0.5, n, i)).Where(p => p <= pk * (1 + 1e-7)).Sum());
                Assert.Equal(exact, BinomialBounds.TwoSidedTestHalf(k, n), 1e-9);
            }
        Assert.Equal(2 * Math.Pow(0.5, 30), BinomialBounds.TwoSidedTestHalf(30, 30), 1e-15);
    }

    [Fact]
    public void AbstainsWhereTheClassesAreBalanced()
    {
        // On the decision boundary of a linear classifier p_A = ½ exactly: CERTIFY and PREDICT must abstain.
        var (c, w) = Linear(12, 8);
        var g = new SmoothedClassifier(c, 0.3, batchSize: 500);
        var rng = new Rng(4);
        for (int i = 0; i < 6; i++)
        {
            var x = At(c, w, 0, rng);
            var cert = g.Certify(x, 100, 10_000, 0.001, new Rng((ulong)i));
            Assert.True(cert.Abstained, $"point {i}: certified class {cert.Predicted} with p_A lower {cert.PALower}");
            Assert.Equal(0, cert.Radius);
            Assert.True(cert.PALower < 0.5);
            var pred = g.Predict(x, 10_000, 0.001, new Rng((ulong)i + 100));
            Assert.Equal(SmoothedClassifier.Abstain, pred.Predicted);
            Assert.True(pred.PValue > 0.001);
        }
        // Far from it PREDICT answers, and with the side of the boundary.
        var far = At(c, w, 2 * 0.3 * Math.Sqrt(w.Sum(v => v * v)), rng);
        Assert.Equal(1, g.Predict(far, 1000, 0.001, new Rng(1)).Predicted);
    }

    private static (MlpClassifier C, LabeledImages Test) LettersMlp()
    {
        var train = Letters.Create(60, 0.2, seed: 1);
        var c = new MlpClassifier([49, 32, 5], seed: 2);
        BaselineTrainer.Train(c, train, epochs: 30, batch: 50, learningRate: 3e-3);
        return (c, Letters.Create(4, 0.1, seed: 4));
    }

    [Fact]
    public void CertifiedPointsResistPgdInsideTheRadius()
    {
        var (c, test) = LettersMlp();
        var o = new CertificationOptions(Sigma: 0.25, N0: 100, N: 2000, Alpha: 0.001, BatchSize: 500, Seed: 3, Count: 12);
        var r = SmoothingCertification.Run(c, test, o);
        var certified = r.Images.Where(m => !m.Abstained).ToList();
        Assert.True(certified.Count >= 10, $"only {certified.Count} of {r.Count} certified");
        var g = new SmoothedClassifier(c, o.Sigma, 500);
        var pgd = AttackCatalogue.Find("pgd-margin-l2");
        int d = c.Dimension;
        foreach (var m in certified)
        {
            // High-confidence images: the base classifier's clean prediction is the certified class.
            Assert.Equal(m.Predicted, m.CleanPrediction);
            // PGD-L2 on the base classifier inside the certified ball does not change the smoothed prediction
            // (Theorem 1; PREDICT errs with probability ≤ α, so it may abstain but never answer another class).
            var x = ImageBatch.Image(test, m.Index);
            var adv = pgd.Run(c, x, [m.Predicted], [0.99 * m.Radius], new AttackSettings(Iterations: 40, Restarts: 2, Seed: 5))[0]!;
            Assert.True(Attack.Distance(adv, x, Norm.L2) <= m.Radius);
            var p = g.Predict(adv, 2000, 0.001, new Rng(9).Fork((ulong)m.Index));
            Assert.True(p.Predicted == m.Predicted || p.Predicted == SmoothedClassifier.Abstain,
                $"image {m.Index}: certified {m.Predicted} within {m.Radius:F3}, smoothed prediction {p.Predicted} at L2 {Attack.Distance(adv, x, Norm.L2):F3}");
        }
        // On the linear classifier the certified radius never exceeds the distance, so PGD-L2 at R cannot flip f either.
        var (lin, w) = Linear(20, 5);
        var g2 = new SmoothedClassifier(lin, 0.5, 2000);
        var rng = new Rng(2);
        for (int i = 0; i < 4; i++)
        {
            var x = At(lin, w, (1 + i) * 0.2 * Math.Sqrt(w.Sum(v => v * v)), rng);
            var cert = g2.Certify(x, 100, 20_000, 0.001, new Rng((ulong)i));
            Assert.False(cert.Abstained);
            var adv = pgd.Run(lin, x, [cert.Predicted], [cert.Radius], new AttackSettings(Iterations: 40, Restarts: 1, Seed: 1))[0]!;
            Assert.Equal(cert.Predicted, Attack.Predict(lin, adv));
        }
    }

    [Fact]
    public void CertificationIsReproducibleAndIndependentOfBatchSizeAndCount()
    {
        var (c, test) = LettersMlp();
        var o = new CertificationOptions(Sigma: 0.5, N0: 50, N: 500, BatchSize: 64, Seed: 7, Count: 10, Radii: [0, 0.25, 0.5, 1]);
        var a = SmoothingCertification.Run(c, test, o);
        var b = SmoothingCertification.Run(c, test, o with { BatchSize = 7 });
        var prefix = SmoothingCertification.Run(c, test, o with { Count = 4, BatchSize = 1000 });
        Assert.Equal(a.Images, b.Images);
        Assert.Equal(a.Images.Take(4), prefix.Images);
        var other = SmoothingCertification.Run(c, test, o with { Seed = 8 });
        Assert.NotEqual(a.Images.Select(m => m.CountA), other.Images.Select(m => m.CountA));
        // The aggregate: certified accuracy at 0 is the share certified correct, non-increasing in r; abstain rate counts abstentions.
        Assert.Equal((double)a.Images.Count(m => m.Correct) / a.Count, a.CertifiedAccuracy[0].Accuracy);
        Assert.True(a.CertifiedAccuracy.Zip(a.CertifiedAccuracy.Skip(1)).All(z => z.First.Accuracy >= z.Second.Accuracy));
        Assert.Equal((double)a.Images.Count(m => m.Abstained) / a.Count, a.AbstainRate);
        foreach (var m in a.Images) Assert.Equal(m.Abstained ? 0 : 0.5 * Normal.InvCDF(0, 1, m.PALower), m.Radius, 12);
        // The report: one CSV row per image; the JSON fields the issue names.
        var dir = Path.Combine(Path.GetTempPath(), $"basin-certify-{Guid.NewGuid():N}");
        try
        {
            var (csv, json) = CertificationReport.Write(a, dir, "letters");
            Assert.Equal(a.Count + 1, File.ReadAllLines(csv).Length);
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!;
            Assert.Equal(0.5, (double)node["sigma"]!);
            Assert.Equal(500, (int)node["n"]!);
            Assert.Equal(0.001, (double)node["alpha"]!);
            Assert.Equal(a.AbstainRate, (double)node["abstain_rate"]!);
            Assert.Equal(4, node["certified_accuracy"]!.AsArray().Count);
            Assert.Equal(1.0, (double)node["certified_accuracy"]![3]!["radius"]!);
        }
        finally { Directory.Delete(dir, true); }
        Assert.Throws<ArgumentException>(() => (o with { Radii = [0.5, 0.25] }).Validate());
        Assert.Throws<ArgumentException>(() => (o with { Alpha = 0 }).Validate());
    }

    [Fact]
    public void SoftSmoothedGradientsMatchFiniteDifferencesAndItsAttackRespectsTheCertificate()
    {
        var (c, test) = LettersMlp();
        var soft = new SoftSmoothedClassifier(c, 0.25, samples: 16, seed: 3, batchSize: 40);
        int d = c.Dimension, k = c.Classes;
        var x = ImageBatch.From(test, 0, 2).Pixels;
        var up = new double[2 * k];
        new Rng(6).FillNormal<double>(up, 0, 1);
        var gx = new double[2 * d];
        var s = new double[2 * k];
        soft.InputGradient(x, 2, up, gx, s);
        Assert.Equal(1.0, s.Take(k).Sum(Math.Exp), 1e-9);
        double L(double[] v) { var t = new double[2 * k]; soft.Scores(v, 2, t); return t.Zip(up, (a, b) => a * b).Sum(); }
        foreach (int i in new[] { 0, 10, 24, 49 + 30, 49 + 48 })
        {
            const double h = 1e-5;
            var xp = (double[])x.Clone(); xp[i] += h;
            var xm = (double[])x.Clone(); xm[i] -= h;
            double fd = (L(xp) - L(xm)) / (2 * h);
            Assert.True(Math.Abs(fd - gx[i]) <= 1e-5 * Math.Max(1, Math.Abs(fd)), $"pixel {i}: finite difference {fd}, adjoint {gx[i]}");
        }
        // PGD-L2 on the soft smoothed classifier inside the certified radius: PREDICT of the hard smoothed classifier never answers another class.
        var o = new CertificationOptions(Sigma: 0.25, N0: 100, N: 2000, BatchSize: 500, Seed: 3, Count: 8);
        var r = SmoothingCertification.Run(c, test, o);
        var g = new SmoothedClassifier(c, o.Sigma, 500);
        var pgd = AttackCatalogue.Find("pgd-margin-l2");
        foreach (var m in r.Images.Where(m => !m.Abstained))
        {
            var xi = ImageBatch.Image(test, m.Index);
            var adv = pgd.Run(soft, xi, [m.Predicted], [m.Radius], new AttackSettings(Iterations: 20, Restarts: 1, Seed: 2))[0]!;
            var p = g.Predict(adv, 2000, 0.001, new Rng(4).Fork((ulong)m.Index));
            Assert.True(p.Predicted == m.Predicted || p.Predicted == SmoothedClassifier.Abstain, $"image {m.Index}: smoothed prediction {p.Predicted}");
        }
    }

    [Fact]
    public void AttackedAccuracyBracketsTheCertifiedAccuracyFromAbove()
    {
        var (c, test) = LettersMlp();
        double[] radii = [0, 0.5, 1, 3];
        var cert = SmoothingCertification.Run(c, test, new CertificationOptions(Sigma: 0.5, N: 1000, BatchSize: 500, Seed: 2, Count: 15, Radii: radii));
        var att = SmoothedAttackEvaluation.Run(c, test, new SmoothedAttackOptions(0.5, AttackCatalogue.Find("pgd-margin-l2"), radii, Samples: 16, N: 1000,
            Count: 15, BatchSize: 500, Settings: new AttackSettings(Iterations: 10), Seed: 2));
        Assert.Equal(15, att.Count);
        Assert.Equal(1.0, att.AttackedAccuracy[0].Accuracy);
        Assert.True(att.AttackedAccuracy[3].Accuracy < 0.5, $"PGD-L2 at 3 leaves {att.AttackedAccuracy[3].Accuracy}");
        // certified ≤ attacked; PREDICT may abstain on a certified point near the edge of its ball, hence one image of slack.
        for (int k = 0; k < radii.Length; k++)
            Assert.True(att.AttackedAccuracy[k].Accuracy >= cert.CertifiedAccuracy[k].Accuracy - 1.0 / 15,
                $"r = {radii[k]}: attacked {att.AttackedAccuracy[k].Accuracy} below certified {cert.CertifiedAccuracy[k].Accuracy}");
        Assert.Throws<ArgumentException>(() => SmoothedAttackEvaluation.Run(c, test, new SmoothedAttackOptions(0.5, AttackCatalogue.Find("pgd-margin-linf"), radii)));
    }
}
