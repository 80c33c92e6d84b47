using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.Stability;
using Basin.Tensors;

namespace Basin.Stability.Tests;

public class LyapunovTests
{
    /// <summary>dx/dt = Mx with M = Q diag(μ) Qᵀ: the exponents are the μ's.</summary>
    private sealed class LinearField(double[] m, int n) : ITangentField
    {
        public int Dimension => n;
        public void Evaluate(ReadOnlySpan<double> x, Span<double> k)
        {
            for (int i = 0; i < n; i++) { double s = 0; for (int j = 0; j < n; j++) s += m[i * n + j] * x[j]; k[i] = s; }
        }
        public void JacobianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> w, int p)
        {
            for (int r = 0; r < p; r++) Evaluate(v.Slice(r * n, n), w.Slice(r * n, n));
        }
    }

    [Fact]
    public void LinearSystemExponentsAreItsEigenvalues()
    {
        int n = 4;
        double[] mu = [0.3, -0.2, -0.7, -1.5];
        var q = Basin.Tensors.Init.Initializers.Orthogonal<double>(n, n, 1.0, new Rng(2));
        var m = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) m[i * n + j] += q[i, k] * mu[k] * q[j, k];
        var r = Lyapunov.Compute(new LinearField(m, n), new double[] { 1, 0, 0, 0 }, p: 4, dt: 0.01, steps: 4000);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(r.Exponents[i] - mu[i]) < 0.02, $"λ{i} = {r.Exponents[i]}, expected {mu[i]}");
    }

    [Fact]
    public void SaNodeExponentNearAnAttractorMatchesLinearStability()
    {
        var trained = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        new SaNodeTrainer(trained, new SaNodeTrainOptions { Epochs = 8, BatchSize = 50, LearningRate = 0.01, Seed = 3 }).Run(Basin.Data.Letters.Create(40), null, null);
        var cert = StabilityCertificate.Compute(trained);
        var model = new SaNodeModel<double>(trained.Config);
        for (int i = 0; i < model.PhiTrain.Length; i++) model.PhiTrain.Span[i] = trained.PhiTrain.Span[i];
        for (int i = 0; i < model.Lambda.Length; i++) model.Lambda.Span[i] = trained.Lambda.Span[i];
        model.Gamma = trained.Gamma;
        var x0 = model.Patterns.Row(2).ToArray();
        var rng = new Rng(5);
        for (int i = 0; i < x0.Length; i++) x0[i] += 1e-3 * rng.NextNormal();
        var r = Lyapunov.Compute(new SaNodeTangentField(model), x0, p: 1, dt: 0.01, steps: 3000);
        Assert.True(r.Exponents[0] < 0);
        Assert.True(Math.Abs(r.Exponents[0] - cert.MaxRealJacobian) < 0.05 * Math.Abs(cert.MaxRealJacobian),
            $"FTLE {r.Exponents[0]} vs linear prediction {cert.MaxRealJacobian}");
    }
}

public class FlowLipschitzTests
{
    [Fact]
    public void PowerIterationMatchesTheExplicitJacobianNorm()
    {
        var cfg = new SaNodeConfig { N = 12, K = 2 };
        var model = new SaNodeModel<double>(cfg, new Rng(4));
        var runner = new SaNodeRunner<double>(model);
        var opts = new Basin.Dynamics.SolverOptions(Basin.Dynamics.ButcherTableau.Rk4, 0.05, 40);
        var x0 = Tensor.Uniform(new Rng(6), 0.0, 1.0, 12).ToArray();
        double est = FlowLipschitz.SpectralNorm(runner, x0, opts, iterations: 60);
        // explicit Jacobian column by column (central differences), then its largest singular value
        runner.Refresh();
        var j = new Tensor<double>(12, 12);
        var solver = new Basin.Dynamics.FixedStepSolver<double>();
        for (int c = 0; c < 12; c++)
        {
            var p = (double[])x0.Clone(); var m = (double[])x0.Clone();
            p[c] += 1e-6; m[c] -= 1e-6;
            var fp = new double[12]; var fm = new double[12];
            solver.Forward(runner.Field, p, 1, opts, fp);
            solver.Forward(runner.Field, m, 1, opts, fm);
            for (int r = 0; r < 12; r++) j[r, c] = (fp[r] - fm[r]) / 2e-6;
        }
        double exact = Basin.Tensors.LinearAlgebra.Svd.Values(j)[0];
        Assert.True(Math.Abs(est - exact) < 1e-4 * exact, $"power iteration {est}, SVD {exact}");
    }
}
