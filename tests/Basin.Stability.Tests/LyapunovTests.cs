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
