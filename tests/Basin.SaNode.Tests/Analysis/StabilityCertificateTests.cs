using Basin.Data;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Analysis;

public class StabilityCertificateTests
{
    [Fact]
    public void TrainedLettersModelIsCertifiedAndTheSpectrumMatchesTheEigenvalues()
    {
        var model = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        new SaNodeTrainer(model, new SaNodeTrainOptions { Epochs = 10, BatchSize = 50, LearningRate = 0.01, Seed = 3 }).Run(Letters.Create(40), null, null);
        var c = StabilityCertificate.Compute(model);
        Assert.True(c.StableByBound);
        Assert.True(c.StableBySpectrum);
        Assert.True(c.MaxFixedPointResidual < 1e-9, $"residual {c.MaxFixedPointResidual}");
        // spec A = {λ_eff} ∪ {0 (K times)}, so max Re spec J = −8|γ|a² + β·max(max λ_eff, 0).
        double expected = c.ReactionSlope + c.Beta * Math.Max(c.LambdaEffective.Max(), 0);
        Assert.Equal(expected, c.MaxRealJacobian, 6);
        Assert.Equal(49, c.CouplingSpectrum.Length);
    }

    [Fact]
    public void EigenvaluesAboveTheBoundAreReportedUnstableByTheBound()
    {
        var model = new SaNodeModel<double>(new SaNodeConfig { N = 20, K = 2, StabilityMargin = -5 }, new Rng(1));
        model.Lambda.Span[0] = 1e6;   // clipped to λ_max = bound + 5 > bound
        var c = StabilityCertificate.Compute(model);
        Assert.False(c.StableByBound);
        Assert.False(c.StableBySpectrum);
    }
}
