using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;

namespace Basin.SaNode.Tests;

public class SaNodeGradientTests
{
    private static SaNodeModel<double> SmallModel(ulong seed, double extraLambda = double.NaN)
    {
        var cfg = new SaNodeConfig { N = 12, K = 2, Gamma0 = 0.4 };
        var model = new SaNodeModel<double>(cfg);
        var rng = new Rng(seed);
        var phi = model.PhiTrain.Span;
        rng.FillNormal<double>(phi, 0, 0.3);
        for (int i = 0; i < Math.Min(cfg.N, cfg.N - cfg.K); i++) phi[i * (cfg.N - cfg.K) + i] += 1.0;
        rng.FillNormal(model.Lambda.Span, -2.0, 1.0);
        if (!double.IsNaN(extraLambda)) model.Lambda.Span[3] = extraLambda;
        model.Gamma = 0.4;
        return model;
    }

    private static (double[] x0, double[] y) Batch(SaNodeModel<double> model, ulong seed, int batch)
    {
        var rng = new Rng(seed);
        int n = model.Config.N;
        var x0 = new double[batch * n];
        rng.FillUniform<double>(x0, 0, 1);
        var labels = new byte[batch];
        for (int i = 0; i < batch; i++) labels[i] = (byte)(i % model.Config.K);
        var y = Attractors.Targets(model.Patterns, labels).ToArray();
        return (x0, y);
    }

    private static double Loss(SaNodeModel<double> model, double[] x0, double[] y, SolverOptions opts)
    {
        var r = new SaNodeRunner<double>(model);
        r.Refresh();
        var (loss, penalty) = r.TrainStep(x0, y, x0.Length / model.Config.N, opts);
        return loss + penalty;
    }

    [Theory]
    [InlineData("euler", double.NaN)]
    [InlineData("rk4", double.NaN)]
    [InlineData("euler", 50.0)]   // one eigenvalue above the stability bound: clipped, its gradient flows to γ
    public void ParameterAndInputGradientsMatchFiniteDifferences(string method, double extraLambda)
    {
        var model = SmallModel(1, extraLambda);
        var (x0, y) = Batch(model, 2, 3);
        var opts = new SolverOptions(ButcherTableau.Parse(method), 0.1, 15, Clip: 5.0);
        var runner = new SaNodeRunner<double>(model);
        runner.Refresh();
        runner.TrainStep(x0, y, 3, opts);
        var gPhi = model.GradPhiTrain.ToArray();
        var gLam = model.GradLambda.ToArray();
        double gGamma = model.GradGamma;
        var gX = runner.InputGradient.ToArray();

        const double h = 1e-6;
        double Fd(Action<double> set, double v0)
        {
            set(v0 + h); double lp = Loss(model, x0, y, opts);
            set(v0 - h); double lm = Loss(model, x0, y, opts);
            set(v0);
            return (lp - lm) / (2 * h);
        }
        var phi = model.PhiTrain;
        foreach (int idx in new[] { 0, 7, 23, 55, 90, phi.Length - 1 })
        {
            double v = phi.Span[idx];
            AssertClose(Fd(x => phi.Span[idx] = x, v), gPhi[idx], $"Φ_train[{idx}]");
        }
        for (int j = 0; j < model.Lambda.Length; j++)
        {
            double v = model.Lambda.Span[j];
            AssertClose(Fd(x => model.Lambda.Span[j] = x, v), gLam[j], $"λ[{j}]");
        }
        AssertClose(Fd(x => model.Gamma = x, model.Gamma), gGamma, "γ");
        foreach (int idx in new[] { 0, 5, 13, 35 })
        {
            double v = x0[idx];
            AssertClose(Fd(x => x0[idx] = x, v), gX[idx], $"x0[{idx}]");
        }
    }

    [Fact]
    public void PlantedAttractorsAreFixedPoints()
    {
        var model = SmallModel(4);
        var runner = new SaNodeRunner<double>(model);
        runner.Refresh();
        var p = model.Patterns.ToArray();
        var k = new double[p.Length];
        runner.Field.Evaluate(p, k, model.Config.K);
        Assert.All(k, v => Assert.True(Math.Abs(v) < 1e-10, $"F(φ) = {v}"));
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        double err = Math.Abs(expected - actual) / Math.Max(1e-7, Math.Abs(expected) + Math.Abs(actual));
        Assert.True(err < 1e-5, $"{what}: finite difference {expected:E6}, backward {actual:E6} (relative error {err:E2})");
    }
}
