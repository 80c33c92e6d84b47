using Basin.Data;
using Basin.SaNode.Studies;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Studies;

public class GradientStudyTests
{
    private static SaNodeModel<double> Model() => new(new SaNodeConfig { N = 49, K = 5 }, new Rng(4));

    [Fact]
    public void ShortHorizonLossIsLinearAlongItsGradientAndSignStepsDescend()
    {
        var data = Noise.Corrupt(Letters.Create(12), 0.2, seed: 5);
        var model = Model();
        var before = model.PhiTrain.ToArray();
        var r = GradientStudy.Run(model, data, steps: [20], adjointClips: [1], batchSize: 20, heldOut: 2);
        var lin = Assert.Single(r.Linearity);
        Assert.Equal(20, lin.Steps);
        Assert.True(lin.GradientNorm > 0);
        for (int i = 0; i < 4; i++) Assert.InRange(lin.Linearity[i], 0.99, 1.01);   // ε ≤ 1e-4: a finite-difference check of the gradient
        Assert.Equal(2, r.Transfer.Count);
        Assert.Equal(new[] { 0.0, 1.0 }, r.Transfer.Select(t => t.AdjointClip));
        Assert.All(r.Transfer, t => Assert.True(t.ChangeOnA[0] < 0, $"κ = {t.AdjointClip}: a small sign step raised the loss of its own batch"));
        Assert.Equal(before, model.PhiTrain.ToArray());                             // the model is restored
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var data = Letters.Create(4);
        Assert.Throws<ArgumentException>(() => GradientStudy.Run(Model(), data, [10], [1], batchSize: 20, heldOut: 2));   // 60 > 20 images
        Assert.Throws<ArgumentException>(() => GradientStudy.Run(Model(), data, [], [1], batchSize: 5, heldOut: 1));
        Assert.Throws<ArgumentException>(() => GradientStudy.Run(Model(), data, [0], [1], batchSize: 5, heldOut: 1));
        Assert.Throws<ArgumentException>(() => GradientStudy.Run(Model(), data, [10], [-1], batchSize: 5, heldOut: 1));
    }
}
