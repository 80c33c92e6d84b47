using Basin.Tensors;

namespace Basin.SaNode.Tests;

public class SaNodeModelTests
{
    private static readonly SaNodeConfig Config = new() { N = 60, K = 4 };

    /// <summary>‖A − Φ D Φ⁻¹‖ against an exact inverse computed here, and the planted attractors in A's kernel.</summary>
    private static void AssertCouplingExact(SaNodeModel<float> model)
    {
        int n = Config.N, m = n - Config.K;
        var phi = new double[n * n];
        var pt = model.PhiTrain.Span; var pf = model.PhiFix.Span;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++) phi[i * n + j] = pt[i * m + j];
            for (int j = 0; j < Config.K; j++) phi[i * n + m + j] = pf[i * Config.K + j];
        }
        var inv = Basin.Tensors.LinearAlgebra.Lu.Inverse(new Tensor<double>(phi, n, n)).Span.ToArray();
        double lmax = model.LambdaMax, worst = 0, scale = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int q = 0; q < m; q++) s += phi[i * n + q] * Math.Min(model.Lambda.Span[q], lmax) * inv[q * n + j];
                worst = Math.Max(worst, Math.Abs(s - model.CouplingMatrix[i * n + j]));
                scale = Math.Max(scale, Math.Abs(s));
            }
        Assert.True(worst <= 1e-4 * scale, $"max |A − ΦDΦ⁻¹| = {worst:G3} (max |A| {scale:G3})");
    }

    [Fact]
    public void SmallStepsAreRefinedAndLargeOnesBackOffToExactInversion()
    {
        var model = new SaNodeModel<float>(Config, new Rng(1));
        model.PrepareCoupling();
        Assert.Equal(1, model.ExactInversions);
        var rng = new Rng(9);
        var step = new float[model.PhiTrain.Span.Length];

        rng.FillNormal<float>(step, 0, 1e-5f);
        for (int i = 0; i < step.Length; i++) model.PhiTrain.Span[i] += step[i];
        model.PrepareCoupling();
        Assert.Equal(1, model.ExactInversions);               // a small move is refined (Newton–Schulz), not re-inverted
        Assert.Equal((0, 0), model.RefinementBackoff);
        AssertCouplingExact(model);

        // Moves far too large for the refinement: it fails, and the next updates skip it (1, then 3 of them).
        int before = model.ExactInversions;
        for (int k = 0; k < 6; k++)
        {
            rng.FillNormal<float>(step, 0, 0.5f);
            for (int i = 0; i < step.Length; i++) model.PhiTrain.Span[i] += step[i];
            model.PrepareCoupling();
            AssertCouplingExact(model);
        }
        Assert.Equal(before + 6, model.ExactInversions);
        Assert.Equal((2, 0), model.RefinementBackoff);   // tried and failed at updates 1 and 3; skipped 2 (one) and 4–6 (three)

        // With the skips used up, small moves are refined again and one success resets the back-off.
        for (int k = 0; k < 2; k++)
        {
            rng.FillNormal<float>(step, 0, 1e-6f);
            for (int i = 0; i < step.Length; i++) model.PhiTrain.Span[i] += step[i];
            model.PrepareCoupling();
        }
        Assert.Equal((0, 0), model.RefinementBackoff);
        Assert.Equal(before + 6, model.ExactInversions);
        AssertCouplingExact(model);
    }

    [Fact]
    public void SinglePrecisionInverseBuildsTheSameCoupling()
    {
        // Float LU instead of double LU rounded to float: A agrees with an exact ΦDΦ⁻¹ to float accuracy, the planted
        // attractors stay in its kernel, and the refinement path is unaffected (it starts from the float inverse).
        var model = new SaNodeModel<float>(Config, new Rng(3)) { SinglePrecisionInverse = true };
        model.PrepareCoupling();
        Assert.Equal(1, model.ExactInversions);
        AssertCouplingExact(model);
        var reference = new SaNodeModel<float>(Config, new Rng(3));
        reference.PrepareCoupling();
        Assert.NotEqual(reference.CouplingMatrix, model.CouplingMatrix);   // a different computation, not the same one
        int n = Config.N;
        var pats = model.Patterns.Span;
        for (int k = 0; k < Config.K; k++)
        {
            double worst = 0;
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) s += model.CouplingMatrix[i * n + j] * pats[k * n + j];
                worst = Math.Max(worst, Math.Abs(s));
            }
            Assert.True(worst < 1e-4, $"|A φ_{k}| = {worst:G3}");
        }
        var trainer = new SaNodeTrainer(new SaNodeModel<float>(Config, new Rng(4)), new SaNodeTrainOptions { BatchSize = 4, Steps = 3 });
        Assert.True(trainer.Model.SinglePrecisionInverse);
    }
}
