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

    /// <summary>The adaptive run (Tsit5 and Dopri8 between re-orthonormalisations) finds the same eigenvalues.</summary>
    [Theory]
    [InlineData("tsit5")]
    [InlineData("dopri8")]
    public void Adaptive_run_finds_the_linear_system_exponents(string method)
    {
        int n = 4;
        double[] mu = [0.3, -0.2, -0.7, -1.5];
        var q = Basin.Tensors.Init.Initializers.Orthogonal<double>(n, n, 1.0, new Rng(2));
        var m = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) m[i * n + j] += q[i, k] * mu[k] * q[j, k];
        var r = Lyapunov.ComputeAdaptive(new LinearField(m, n), new double[] { 1, 0, 0, 0 }, 4, 40, 0.1, Basin.Dynamics.ButcherTableau.Parse(method), 1e-8, 1e-10);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(r.Exponents[i] - mu[i]) < 0.02, $"λ{i} = {r.Exponents[i]}, expected {mu[i]}");
        Assert.Equal(32, r.Time, 9);
        Assert.True(r.Evaluations > 0 && r.Steps >= 400, $"{r.Steps} steps");
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
        var a = Lyapunov.ComputeAdaptive(new SaNodeTangentField(model), x0, 1, 30, 0.1, Basin.Dynamics.ButcherTableau.Tsit5, 1e-6, 1e-9);
        Assert.True(Math.Abs(a.Exponents[0] - cert.MaxRealJacobian) < 0.05 * Math.Abs(cert.MaxRealJacobian),
            $"adaptive FTLE {a.Exponents[0]} vs linear prediction {cert.MaxRealJacobian}");
        Assert.True(a.Evaluations < r.Evaluations, $"adaptive {a.Evaluations} evaluations, fixed RK4 {r.Evaluations}");
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

public class ChaoticLyapunovTests
{
    /// <summary>Lorenz '63 (σ = 10, ρ = 28, β = 8/3): a strange attractor with λ₁ ≈ 0.906, λ₂ = 0, λ₃ ≈ −14.57 (Sprott 2003).</summary>
    private sealed class Lorenz : ITangentField
    {
        public int Dimension => 3;
        public void Evaluate(ReadOnlySpan<double> x, Span<double> k)
        {
            k[0] = 10 * (x[1] - x[0]); k[1] = x[0] * (28 - x[2]) - x[1]; k[2] = x[0] * x[1] - 8.0 / 3 * x[2];
        }
        public void JacobianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> w, int p)
        {
            for (int r = 0; r < p; r++)
            {
                var a = v.Slice(3 * r, 3);
                w[3 * r] = 10 * (a[1] - a[0]);
                w[3 * r + 1] = (28 - x[2]) * a[0] - a[1] - x[0] * a[2];
                w[3 * r + 2] = x[1] * a[0] + x[0] * a[1] - 8.0 / 3 * a[2];
            }
        }
    }

    [Fact]
    public void StrangeAttractorHasAPositiveLargestExponent()
    {
        var r = Lyapunov.Compute(new Lorenz(), new double[] { 1, 1, 20 }, p: 3, dt: 0.01, steps: 60000);
        Assert.InRange(r.Exponents[0], 0.75, 1.05);
        Assert.InRange(r.Exponents[1], -0.1, 0.1);
        Assert.InRange(r.Exponents[2], -15.2, -14.0);
        Assert.InRange(r.Exponents.Sum(), -13.9, -13.4);   // trace of the Jacobian: −(σ + 1 + β) = −13.667
    }
}
