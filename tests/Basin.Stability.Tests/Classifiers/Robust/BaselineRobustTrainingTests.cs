using Basin.Autodiff;
using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Stability.Classifiers.Robust;
using Basin.Tensors;

namespace Basin.Stability.Tests.Classifiers.Robust;

public class BaselineRobustTrainingTests
{
    private static readonly LabeledImages Train = Letters.Create(40, 0.1, seed: 1);
    private static readonly LabeledImages Test = Letters.Create(20, 0.1, seed: 7);

    private static MlpClassifier Trained(IBaselineRecipe? robust, ulong seed = 2)
    {
        var c = new MlpClassifier([49, 32, 5], seed);
        BaselineTrainer.Train(c, Train, epochs: 25, batch: 50, learningRate: 1e-2, seed: seed, robust: robust);
        return c;
    }

    private static double[] Pixels(LabeledImages d)
    {
        var x = new double[d.Count * d.PixelsPerImage];
        for (int i = 0; i < d.Count; i++)
        {
            var img = d.Image(i);
            for (int j = 0; j < img.Length; j++) x[i * d.PixelsPerImage + j] = img[j];
        }
        return x;
    }

    private static double Accuracy(IClassifier c, double[] x, int[] y)
    {
        var pred = Classifier.Predict(c, x, y.Length);
        return pred.Zip(y).Count(p => p.First == p.Second) / (double)y.Length;
    }

    /// <summary>Accuracy on the test letters under PGD-20 (margin loss, L∞ ε = 0.3).</summary>
    private static double PgdRobustAccuracy(MlpClassifier c)
    {
        var x = Pixels(Test);
        var y = Test.Labels.Select(l => (int)l).ToArray();
        var eps = Enumerable.Repeat(0.3, y.Length).ToArray();
        return Accuracy(c, Pgd.Perturb(c, x, y, eps, Norm.LInf, 20, 1, AttackLoss.Margin, seed: 5), y);
    }

    [Fact]
    public void ParsesTheSaNodeSyntaxAndNamesWhatItRefuses()
    {
        var g = Assert.IsType<BaselineGaussianNoise>(BaselineRobustTraining.Parse("gaussian:0.25"));
        Assert.Equal(0.25, g.Sigma);
        Assert.Equal("gaussian:0.25", g.Spec);
        var p = Assert.IsType<BaselinePgdTraining>(BaselineRobustTraining.Parse("pgd:eps=0.1,steps=5"));
        Assert.Equal((0.1, 5), (p.Epsilon, p.Steps));
        Assert.Equal(0.05, p.StepSize, 12);
        Assert.Equal(p.Spec, BaselineRobustTraining.Parse(p.Spec).Spec);
        Assert.Contains("2.5ε/steps", Assert.Throws<ArgumentException>(() => BaselineRobustTraining.Parse("pgd:eps=0.1,steps=5,step=0.3")).Message);
        Assert.Throws<ArgumentException>(() => BaselineRobustTraining.Parse("mixup:1"));
        Assert.Throws<ArgumentException>(() => BaselineRobustTraining.Parse("gaussian:-1"));
        Assert.Throws<ArgumentException>(() => BaselineRobustTraining.Parse("pgd:eps=2"));
        var t = Assert.IsType<BaselineTradesTraining>(BaselineRobustTraining.Parse("trades:eps=0.1"));
        Assert.Equal((0.1, 10, 6.0), (t.Epsilon, t.Steps, t.Beta));
        Assert.Equal(0.025, t.StepSize, 12);
        Assert.Equal(t.Spec, BaselineRobustTraining.Parse(t.Spec).Spec);
        Assert.Equal(1.5, Assert.IsType<BaselineTradesTraining>(BaselineRobustTraining.Parse("trades:eps=0.3,steps=5,step=0.1,beta=1.5")).Beta);
        Assert.Contains("needs eps", Assert.Throws<ArgumentException>(() => BaselineRobustTraining.Parse("trades:steps=5")).Message);
        Assert.Contains("unknown key", Assert.Throws<ArgumentException>(() => BaselineRobustTraining.Parse("trades:eps=0.1,gamma=2")).Message);
        Assert.Throws<ArgumentException>(() => BaselineRobustTraining.Parse("tradesx:eps=0.1"));
        Assert.Throws<ArgumentException>(() => BaselineRobustTraining.Parse("trades:eps=0.1,beta=-1"));
    }

    [Fact]
    public void GaussianNoiseHasTheRequestedMomentsAndRepeatsWithItsSeed()
    {
        var c = new MlpClassifier([49, 5]);
        var a = new double[400 * 49];
        var b = new double[400 * 49];
        var noise = new BaselineGaussianNoise(0.5);
        noise.Apply(c, a, new int[400], 400, seed: 9);
        noise.Apply(c, b, new int[400], 400, seed: 9);
        Assert.Equal(a, b);
        double mean = a.Average(), sd = Math.Sqrt(a.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.02, 0.02);   // 19 600 draws: standard error 0.0036
        Assert.InRange(sd, 0.49, 0.51);
    }

    [Fact]
    public void PgdPointsStayInTheBallAndTheBoxAndLowerTheAccuracy()
    {
        var c = Trained(null);
        var x = Pixels(Test);
        var y = Test.Labels.Select(l => (int)l).ToArray();
        var adv = (double[])x.Clone();
        new BaselinePgdTraining(0.3, 5).Apply(c, adv, y, y.Length, seed: 3);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.InRange(adv[i], 0, 1);
            Assert.InRange(adv[i] - x[i], -0.3 - 1e-12, 0.3 + 1e-12);
        }
        Assert.True(Accuracy(c, adv, y) < Accuracy(c, x, y));
    }

    [Fact]
    public void SeededRobustTrainingIsReproducible()
    {
        var a = Trained(new BaselineGaussianNoise(0.3), seed: 4);
        var b = Trained(new BaselineGaussianNoise(0.3), seed: 4);
        foreach (var ((_, ta), (_, tb)) in a.Network.StateDict().Zip(b.Network.StateDict()))
            Assert.Equal(ta.Span.ToArray(), tb.Span.ToArray());
    }

    [Fact]
    public void PgdTrainingRaisesPgdRobustAccuracyOverPlainTraining()
    {
        double plain = PgdRobustAccuracy(Trained(null)), trained = PgdRobustAccuracy(Trained(new BaselinePgdTraining(0.3, 5)));
        Assert.True(trained > plain + 0.2, $"PGD-20 robust accuracy at ε = 0.3: plain {plain:P0}, PGD-AT {trained:P0}");
    }

    [Fact]
    public void GaussianTrainingRaisesAccuracyUnderThatNoise()
    {
        var x = Pixels(Test);
        var y = Test.Labels.Select(l => (int)l).ToArray();
        var noisy = (double[])x.Clone();
        var n = new double[x.Length];
        new Rng(11).FillNormal<double>(n, 0, 0.6);
        for (int i = 0; i < x.Length; i++) noisy[i] += n[i];
        double plain = Accuracy(Trained(null), noisy, y), trained = Accuracy(Trained(new BaselineGaussianNoise(0.6)), noisy, y);
        Assert.True(trained > plain, $"accuracy under 𝒩(0, 0.6²) noise: plain {plain:P0}, Gaussian-trained {trained:P0}");
    }

    private static double Kl(MlpClassifier c, double[] x, double[] adv, int count)
    {
        var p = new double[count * c.Classes];
        var q = new double[count * c.Classes];
        c.Scores(x, count, p);
        c.Scores(adv, count, q);
        double total = 0;
        for (int r = 0; r < count; r++)
        {
            var lp = LogSoftmax(p.AsSpan(r * c.Classes, c.Classes));
            var lq = LogSoftmax(q.AsSpan(r * c.Classes, c.Classes));
            for (int k = 0; k < c.Classes; k++) total += Math.Exp(lp[k]) * (lp[k] - lq[k]);
        }
        return total / count;
    }

    private static double[] LogSoftmax(ReadOnlySpan<double> z)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (double v in z) max = Math.Max(max, v);
        foreach (double v in z) sum += Math.Exp(v - max);
        var o = new double[z.Length];
        for (int k = 0; k < z.Length; k++) o[k] = z[k] - max - Math.Log(sum);
        return o;
    }

    [Fact]
    public void TradesInnerMaximisationRaisesTheKlAndStaysInTheBall()
    {
        var c = Trained(null);
        var x = Pixels(Test);
        var trades = new BaselineTradesTraining(0.2, steps: 10);
        var adv = trades.Perturb(c, x, Test.Count, seed: 3);
        var start = (double[])x.Clone();
        new Rng(3).FillNormal<double>(start, 0, 0.001);
        for (int i = 0; i < x.Length; i++)
        {
            start[i] = Math.Clamp(x[i] + start[i], 0, 1);
            Assert.InRange(adv[i], 0, 1);
            Assert.InRange(adv[i] - x[i], -0.2 - 1e-12, 0.2 + 1e-12);
        }
        double before = Kl(c, x, start, Test.Count), after = Kl(c, x, adv, Test.Count);
        Assert.True(after > 100 * before && after > 0.1, $"KL at the start {before:E2}, after 10 steps {after:E2}");
    }

    [Fact]
    public void TradesLossMatchesItsDefinitionAndItsGradientMatchesFiniteDifferences()
    {
        var c = new MlpClassifier([49, 6, 5], seed: 5);
        BaselineTrainer.Train(c, Train, epochs: 2, batch: 50, learningRate: 1e-2);
        int n = 8;
        var x = Pixels(Test)[..(n * 49)];
        var y = Test.Labels.Take(n).Select(l => (int)l).ToArray();
        var trades = new BaselineTradesTraining(0.2, steps: 3, beta: 2.5);
        var adv = trades.Perturb(c, x, n, seed: 4);
        double Loss()
        {
            var tape = new Tape<double>();
            return trades.Loss(c, tape, x, adv, y, n).Item();
        }
        // The definition, from scores computed outside the tape.
        var z = new double[n * 5];
        c.Scores(x, n, z);
        double ce = 0;
        for (int r = 0; r < n; r++) ce -= LogSoftmax(z.AsSpan(r * 5, 5))[y[r]];
        Assert.Equal(ce / n + 2.5 * Kl(c, x, adv, n), Loss(), 10);
        // Parameter gradients (adv held fixed) against central differences.
        var t = new Tape<double>();
        c.Network.ZeroGrad();
        var loss = trades.Loss(c, t, x, adv, y, n);
        t.Backward(loss);
        foreach (var prm in c.Network.Parameters().Take(2))
        {
            var w = prm.Value.Span;
            var g = prm.Grad!.Span;
            for (int i = 0; i < Math.Min(w.Length, 12); i++)
            {
                double keep = w[i], h = 1e-5;
                w[i] = keep + h; double up = Loss();
                w[i] = keep - h; double down = Loss();
                w[i] = keep;
                Assert.Equal((up - down) / (2 * h), g[i], 6);
            }
        }
        c.Network.ZeroGrad();
    }

    [Fact]
    public void TradesTrainingRaisesPgdRobustAccuracyOverPlainTraining()
    {
        double plain = PgdRobustAccuracy(Trained(null)), trained = PgdRobustAccuracy(Trained(new BaselineTradesTraining(0.3, steps: 5)));
        Assert.True(trained > plain + 0.2, $"PGD-20 robust accuracy at ε = 0.3: plain {plain:P0}, TRADES {trained:P0}");
    }
}
