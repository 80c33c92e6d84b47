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

    private static MlpClassifier Trained(IBaselinePerturbation? robust, ulong seed = 2)
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
        var x = Pixels(Test);
        var y = Test.Labels.Select(l => (int)l).ToArray();
        var eps = Enumerable.Repeat(0.3, y.Length).ToArray();
        double Robust(MlpClassifier c) => Accuracy(c, Pgd.Perturb(c, x, y, eps, Norm.LInf, 20, 1, AttackLoss.Margin, seed: 5), y);
        double plain = Robust(Trained(null)), trained = Robust(Trained(new BaselinePgdTraining(0.3, 5)));
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
}
