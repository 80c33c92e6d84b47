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
            var adaptive = Inversion.RunAdaptive(model, x0, 5, 1.0, ButcherTableau.Dopri5, rtol: 1e-10, atol: 1e-12);
            Assert.All(adaptive.Mse, e => Assert.True(e < 1e-12, $"adaptive MSE {e}"));
            Assert.True(adaptive.Evaluations < fine.Evaluations / 4, $"{adaptive.Evaluations} evaluations adaptive, {fine.Evaluations} fixed");
            Assert.Equal(6, adaptive.ForwardSnapshots.Count);
            Assert.Equal(6, adaptive.BackwardSnapshots.Count);
            for (int i = 0; i < fine.Final.Length; i++) Assert.True(Math.Abs(fine.Final[i] - adaptive.Final[i]) < 1e-8, $"x(T_inv) differs at {i}");
            Assert.Equal(x0, adaptive.ForwardSnapshots[0].States);
            Assert.Equal(adaptive.Recovered, adaptive.BackwardSnapshots[^1].States);
        }
        finally { File.Delete(path); }
    }
}
