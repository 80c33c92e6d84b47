using Basin.SaNode;
using Basin.Tensors;

namespace Basin.Stability.Tests;

public class AttractorStabilityTests
{
    [Fact]
    public void TrainedLettersModelIsStableNearItsAttractorsAsPredicted()
    {
        var trained = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        new SaNodeTrainer(trained, new SaNodeTrainOptions { Epochs = 8, BatchSize = 50, LearningRate = 0.01, Seed = 3 }).Run(Basin.Data.Letters.Create(40), null, null);
        var model = new SaNodeModel<double>(trained.Config);
        for (int i = 0; i < model.PhiTrain.Length; i++) model.PhiTrain.Span[i] = trained.PhiTrain.Span[i];
        for (int i = 0; i < model.Lambda.Length; i++) model.Lambda.Span[i] = trained.Lambda.Span[i];
        model.Gamma = trained.Gamma;
        var r = AttractorStability.Run("letters", model, Basin.Data.Letters.Create(1, 0.1, seed: 2), new AttractorStabilityOptions(Attractors: 2, Exponents: 2, Time: 15, LipschitzCount: 2));
        Assert.Equal(2, r.NearAttractors.Count);
        Assert.True(r.LargestLyapunovExponent < 0);
        Assert.True(r.MaxRelativeError < 0.05, $"relative error {r.MaxRelativeError}");
        Assert.Equal(2, r.Lipschitz!.Images);
        Assert.InRange(r.Lipschitz.Median, 0, r.Lipschitz.Max);
        Assert.Equal(5.5, r.Lipschitz.Horizon!.Value, 12);
        Assert.Throws<ArgumentException>(() => AttractorStability.Run("letters", model, null, new AttractorStabilityOptions(LipschitzCount: 1)));
    }
}
