using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode.Studies;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Studies;

public class HorizonStudyTests
{
    [Fact]
    public void EachReadOutEqualsAnEvaluationAtThatHorizon()
    {
        // An untrained model on noisy letters: trajectories are slow and some change attractor late.
        var model = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(4));
        var data = Noise.Corrupt(Letters.Create(20), 0.3, seed: 3);
        var runner = new SaNodeRunner<float>(model);
        double[] times = [40, 0.5, 2, 10];
        var r = HorizonStudy.Run(runner, data, ButcherTableau.Euler, 0.1, times, batchSize: 37);
        Assert.Equal(new[] { 0.5, 2, 10, 40 }, r.Times.Select(t => Math.Round(t, 9)));
        Assert.Equal(data.Count, r.Count);
        for (int i = 0; i < r.Times.Length; i++)
        {
            var m = SaNodeEvaluator.Evaluate(runner, data, new SolverOptions(ButcherTableau.Euler, 0.1, (int)Math.Round(r.Times[i] / 0.1), Clip: 5), batchSize: 37);
            Assert.Equal(m.Accuracy, r.Accuracy[i]);
            Assert.Equal(m.NearestAccuracy, r.NearestAccuracy[i]);
            Assert.Equal(m.Perfect, r.Perfect[i]);
            Assert.Equal(m.Mse, r.Mse[i], 12);
            Assert.InRange(r.LostLater[i], 0, r.ChangedLater[i]);
        }
        Assert.Equal(0, r.ChangedLater[^1]);
        Assert.Equal(0, r.LostLater[^1]);
        Assert.True(r.ChangedLater[0] > 0, "at t = 0.5 some trajectories should still be on their way");
        // Net change of the nearest-attractor accuracy between t and the end = (wrong→right) − (right→wrong) samples.
        for (int i = 0; i < r.Times.Length; i++)
        {
            int gained = (int)Math.Round((r.NearestAccuracy[^1] - r.NearestAccuracy[i]) * r.Count);
            Assert.InRange(gained + r.LostLater[i], 0, r.ChangedLater[i]);
        }
    }

    [Fact]
    public void BadTimesAreRejected()
    {
        var model = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(4));
        var runner = new SaNodeRunner<float>(model);
        var data = Letters.Create(1);
        Assert.Throws<ArgumentException>(() => HorizonStudy.Run(runner, data, ButcherTableau.Euler, 0.1, []));
        Assert.Throws<ArgumentException>(() => HorizonStudy.Run(runner, data, ButcherTableau.Euler, 0.1, [0, 1]));
        Assert.Throws<ArgumentException>(() => HorizonStudy.Run(runner, data, ButcherTableau.Euler, 0.1, [1, 1.02]));
        Assert.Throws<ArgumentException>(() => HorizonStudy.Run(runner, data, ButcherTableau.Euler, 0, [1]));
    }
}
