using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.SaNode.Analysis;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Analysis;

public class InversionTests
{
    [Fact]
    public void BackwardFlowRecoversTheInputAndErrorShrinksWithTheStep()
    {
        var trained = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        new SaNodeTrainer(trained, new SaNodeTrainOptions { Epochs = 8, BatchSize = 50, LearningRate = 0.01, Seed = 3 }).Run(Letters.Create(40), null, null);
        var path = Path.Combine(Path.GetTempPath(), $"basin-inv-{Guid.NewGuid():N}.safetensors");
        SaNodeFile.Save(path, trained);
        try
        {
            var model = SaNodeFile.Load<double>(path);
            var x0 = Letters.Create(1).Pixels.Select(v => (double)v).ToArray();
            var fine = Inversion.Run(model, x0, 5, tInv: 1.0, dt: 1e-3, ButcherTableau.Rk4);
            Assert.All(fine.Mse, e => Assert.True(e < 1e-12, $"MSE {e}"));
            var coarse = Inversion.Run(model, x0, 5, tInv: 1.0, dt: 0.1, ButcherTableau.Euler);
            Assert.True(coarse.Mse.Average() > 100 * fine.Mse.Average(), "coarse Euler should invert far less accurately than fine RK4");
            Assert.NotEqual(x0, fine.Final);
        }
        finally { File.Delete(path); }
    }
}
