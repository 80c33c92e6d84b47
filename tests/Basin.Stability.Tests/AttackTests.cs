using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Stability.Attacks;
using AttackLoss = Basin.Stability.Attacks.AttackLoss;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Tests;

public class AttackTests
{
    [Fact]
    public void MinimalL2OnLogisticRegressionMatchesTheClosedForm()
    {
        int d = 20, k = 4;
        var c = new MlpClassifier([d, k], seed: 3);
        var w = c.Network.Layers[0].Weight.Value;   // d×k
        var b = c.Network.Layers[0].Bias!.Value;
        var rng = new Rng(9);
        for (int trial = 0; trial < 10; trial++)
        {
            var x = Tensor.Uniform(rng, 0.0, 1.0, d).ToArray();
            var s = new double[k];
            c.Scores(x, 1, s);
            int y = Array.IndexOf(s, s.Max());
            double exact = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                if (j == y) continue;
                double wn = 0;
                for (int i = 0; i < d; i++) wn += (w[i, y] - w[i, j]) * (w[i, y] - w[i, j]);
                exact = Math.Min(exact, (s[y] - s[j]) / Math.Sqrt(wn));
            }
            var adv = DeepFool.Search(c, x, y, box: false)!;
            double found = Math.Sqrt(adv.Zip(x, (p, q) => (p - q) * (p - q)).Sum());
            Assert.NotEqual(y, Attack.Predict(c, adv));
            Assert.True(Math.Abs(found - exact) <= 0.01 * exact, $"found {found}, exact {exact}");
        }
        Assert.NotNull(b);
    }

    [Fact]
    public void PgdSucceedsAtLeastAsOftenAsFgsmAtEveryEpsilon()
    {
        var train = Letters.Create(60, 0.2, seed: 1);
        var c = new MlpClassifier([49, 32, 5], seed: 2);
        BaselineTrainer.Train(c, train, epochs: 30, batch: 50, learningRate: 3e-3);
        var test = Letters.Create(6, 0.1, seed: 4);
        Assert.True(BaselineTrainer.Accuracy(c, test) > 0.9);
        foreach (var eps in new[] { 0.05, 0.1, 0.2, 0.3 })
        {
            int fgsm = 0, pgd = 0;
            for (int i = 0; i < test.Count; i++)
            {
                var x = test.Image(i).ToArray().Select(v => (double)v).ToArray();
                int y = test.Labels[i];
                if (Attack.Predict(c, x) != y) continue;
                if (Attack.Predict(c, Fgsm.Perturb(c, x, y, eps)) != y) fgsm++;
                if (Attack.Predict(c, Pgd.Perturb(c, x, y, eps, Norm.LInf, iterations: 20, restarts: 2)) != y) pgd++;
            }
            Assert.True(pgd >= fgsm, $"ε = {eps}: PGD {pgd} < FGSM {fgsm}");
        }
    }

    [Theory]
    [InlineData("rk4", 20)]
    [InlineData("euler", 7)]
    [InlineData("euler", 120)]
    public void SaNodeInputGradientMatchesFiniteDifferences(string method, int steps)
    {
        var model = new SaNodeModel<double>(new SaNodeConfig { N = 12, K = 2 }, new Rng(5));
        var c = new SaNodeClassifier(model, new SolverOptions(ButcherTableau.Parse(method), 0.1, steps, Clip: 5));
        var x = Tensor.Uniform(new Rng(6), 0.0, 1.0, 12).ToArray();
        var gs = new[] { 0.7, -1.3 };
        var gx = new double[12]; var s = new double[2];
        c.InputGradient(x, 1, gs, gx, s);
        for (int i = 0; i < 12; i++)
        {
            var p = (double[])x.Clone(); var m = (double[])x.Clone();
            p[i] += 1e-6; m[i] -= 1e-6;
            var sp = new double[2]; var sm = new double[2];
            c.Scores(p, 1, sp); c.Scores(m, 1, sm);
            double fd = (gs[0] * (sp[0] - sm[0]) + gs[1] * (sp[1] - sm[1])) / 2e-6;
            Assert.True(Math.Abs(fd - gx[i]) <= 1e-6 * Math.Max(1e-3, Math.Abs(fd) + Math.Abs(gx[i])), $"x[{i}]: fd {fd}, backward {gx[i]}");
        }
    }

    [Fact]
    public void SinglePrecisionSaNodeClassifierAgreesWithDoublePrecision()
    {
        var model = new SaNodeModel<double>(new SaNodeConfig { N = 40, K = 3 }, new Rng(7));
        var opts = new SolverOptions(ButcherTableau.Euler, 0.1, 30, Clip: 5);
        var c64 = new SaNodeClassifier(model, opts);
        var c32 = new SaNodeClassifier(model, opts, singlePrecision: true);
        var x = Tensor.Uniform(new Rng(8), 0.0, 1.0, 5, 40).ToArray();
        var gs = Tensor.Normal(new Rng(9), 0.0, 1.0, 5, 3).ToArray();
        var g64 = new double[200]; var g32 = new double[200]; var s64 = new double[15]; var s32 = new double[15];
        c64.InputGradient(x, 5, gs, g64, s64);
        c32.InputGradient(x, 5, gs, g32, s32);
        double gn = Math.Sqrt(g64.Sum(v => v * v)), dn = Math.Sqrt(g64.Zip(g32, (a, b) => (a - b) * (a - b)).Sum());
        Assert.True(gn > 0);
        Assert.True(dn <= 1e-4 * gn, $"relative gradient difference {dn / gn}");
        for (int i = 0; i < 15; i++) Assert.Equal(s64[i], s32[i], 4);
        var sc = new double[15];
        c32.Scores(x, 5, sc);
        for (int i = 0; i < 15; i++) Assert.Equal(s32[i], sc[i], 12);
        Assert.Contains("f32", c32.Name);
    }
}
