using Basin.Dynamics;
using Basin.SaNode.Training.Robust;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Training.Robust;

public class GaussianNoiseTrainingTests
{
    /// <summary>The added noise has mean 0 and standard deviation σ (within sampling error of 49 000 draws) and repeats for the same seed.</summary>
    [Fact]
    public void AddsSeededNoiseOfStandardDeviationSigma()
    {
        var model = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        var runner = new SaNodeRunner<float>(model);
        var options = new SolverOptions(ButcherTableau.Euler, 0.1, 5);
        var g = new GaussianNoiseTraining(0.25);
        var x = Enumerable.Repeat(0.5f, 1000 * 49).ToArray();
        g.Apply(runner, x, new float[x.Length], 1000, options, new Random(3));
        double mean = x.Average(v => v - 0.5), sd = Math.Sqrt(x.Average(v => (v - 0.5 - mean) * (v - 0.5 - mean)));
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(sd, 0.245, 0.255);
        var x2 = Enumerable.Repeat(0.5f, 1000 * 49).ToArray();
        g.Apply(runner, x2, new float[x2.Length], 1000, options, new Random(3));
        Assert.Equal(x, x2);
    }

    /// <summary>A letters run trained with a recipe records it in its options (what the checkpoint and model metadata store) and still learns.</summary>
    [Fact]
    public void TrainingWithARecipeLearnsAndRecordsIt()
    {
        var model = new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Rng(7));
        var o = new SaNodeTrainOptions { Epochs = 6, BatchSize = 50, LearningRate = 0.01, Seed = 3, Robust = "pgd:eps=0.05,steps=2" };
        var t = new SaNodeTrainer(model, o);
        t.Run(Basin.Data.Letters.Create(40), null, null);
        Assert.Contains("\"Robust\":\"pgd:eps=0.05,steps=2\"", System.Text.Json.JsonSerializer.Serialize(t.Options));
        Assert.DoesNotContain("Robust", System.Text.Json.JsonSerializer.Serialize(o with { Robust = null }));
        Assert.True(t.History[^1].Loss < t.History[0].Loss, $"loss {t.History[0].Loss} → {t.History[^1].Loss}");
    }
}
