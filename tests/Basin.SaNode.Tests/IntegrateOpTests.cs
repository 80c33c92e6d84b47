using Basin.Autodiff;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;

namespace Basin.SaNode.Tests;

public class IntegrateOpTests
{
    /// <summary>L = Σ_k w_k·s_k² with overlaps s = x(T)·Pᵀ: the tape through the fused ODE node vs central differences.</summary>
    [Theory]
    [InlineData("euler", 0)]
    [InlineData("rk4", 0)]
    [InlineData("euler", 4)]
    public void TapeGradientsThroughTheSolverMatchFiniteDifferences(string method, int checkpointEvery)
    {
        var cfg = new SaNodeConfig { N = 12, K = 2 };
        var model = new SaNodeModel<double>(cfg, new Rng(3));
        model.PrepareCoupling();
        var a = Tensor.FromSpan<double>(model.CouplingMatrix, 12, 12);
        var gamma = Tensor.FromSpan(new[] { 0.45 }, 1);
        var x0 = Tensor.Uniform(new Rng(4), 0.0, 1.0, 3, 12);
        var weights = Tensor.Normal(new Rng(5), 0.0, 1.0, 3, 2);
        var patternsT = model.Patterns.Transpose().Clone();
        var opts = new SolverOptions(ButcherTableau.Parse(method), 0.1, 17, Clip: 5);

        double Loss(Tensor<double> x, Tensor<double> aa, Tensor<double> g)
        {
            using var _ = Autograd.NoGrad();
            var field = new SaNodeField<double>(12, cfg.A, cfg.EffectiveBeta);
            var xT = new IntegrateOp<double>(field, opts, checkpointEvery).ApplySingle(Var<double>.Constant(x), Var<double>.Constant(aa), Var<double>.Constant(g));
            var s = xT.MatMul(Var<double>.Constant(patternsT));
            return (s.Square() * Var<double>.Constant(weights)).Sum().Item();
        }

        var tape = new Tape<double>();
        var vx = tape.Input(x0, requiresGrad: true);
        var pa = new Parameter<double>(a.Clone());
        var pg = new Parameter<double>(gamma.Clone());
        var fieldT = new SaNodeField<double>(12, cfg.A, cfg.EffectiveBeta);
        var outT = new IntegrateOp<double>(fieldT, opts, checkpointEvery).ApplySingle(vx, tape.Track(pa), tape.Track(pg));
        var loss = (outT.MatMul(Var<double>.Constant(patternsT)).Square() * Var<double>.Constant(weights)).Sum();
        tape.Backward(loss);

        const double h = 1e-6;
        foreach (int i in new[] { 0, 5, 17, 35 })
        {
            var p = x0.Clone(); var m = x0.Clone();
            p.Span[i] += h; m.Span[i] -= h;
            Close((Loss(p, a, gamma) - Loss(m, a, gamma)) / (2 * h), vx.Grad!.Span[i], $"x0[{i}]");
        }
        foreach (int i in new[] { 0, 13, 77, 143 })
        {
            var p = a.Clone(); var m = a.Clone();
            p.Span[i] += h; m.Span[i] -= h;
            Close((Loss(x0, p, gamma) - Loss(x0, m, gamma)) / (2 * h), pa.Grad!.Span[i], $"A[{i}]");
        }
        var gp = gamma.Clone(); gp.Span[0] += h;
        var gm = gamma.Clone(); gm.Span[0] -= h;
        Close((Loss(x0, a, gp) - Loss(x0, a, gm)) / (2 * h), pg.Grad!.Span[0], "γ");
    }

    private static void Close(double expected, double actual, string what)
    {
        double err = Math.Abs(expected - actual) / Math.Max(1e-7, Math.Abs(expected) + Math.Abs(actual));
        Assert.True(err < 1e-6, $"{what}: finite difference {expected:E6}, tape {actual:E6} (relative error {err:E2})");
    }
}
