using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;

namespace Basin.SaNode.Tests;

public class SaNodeTrainerTests
{
    private static readonly SaNodeConfig LettersConfig = new() { N = 49, K = 5 };

    [Fact]
    public void LearnsTheLettersPerfectly()
    {
        var train = Letters.Create(copies: 40);
        var model = new SaNodeModel<float>(LettersConfig, new Rng(7));
        var trainer = new SaNodeTrainer(model, new SaNodeTrainOptions { Epochs = 30, BatchSize = 50, Steps = 55, LearningRate = 0.01, Seed = 3 });
        trainer.Run(train, null, null);
        var metrics = SaNodeEvaluator.Evaluate(trainer.Runner, Letters.Create(copies: 1),
            new SolverOptions(ButcherTableau.Euler, 0.1, 600, Clip: 5));
        Assert.Equal(1.0, metrics.Accuracy);
        Assert.Equal(5, metrics.Perfect);
        Assert.True(metrics.Overlap > 0.99, $"m_f = {metrics.Overlap}");
        Assert.True(trainer.History[^1].Loss < trainer.History[0].Loss);
    }

    [Fact]
    public void ResumedRunMatchesAnUninterruptedOneBitForBit()
    {
        var train = Letters.Create(copies: 8, epsilon: 0.1, seed: 1);
        var opts = new SaNodeTrainOptions { Epochs = 4, BatchSize = 10, Steps = 10, LearningRate = 0.005, Seed = 5, NoiseTrain = 0.1, Augment = "shift=1,rotate=5,elastic=2,sigma=1" };
        var straight = new SaNodeTrainer(new SaNodeModel<float>(LettersConfig, new Rng(2)), opts);
        straight.Run(train, null, null);

        var first = new SaNodeTrainer(new SaNodeModel<float>(LettersConfig, new Rng(2)), opts with { Epochs = 2 });
        first.Run(train, null, null);
        var path = Path.Combine(Path.GetTempPath(), $"basin-ckpt-{Guid.NewGuid():N}.safetensors");
        try
        {
            first.SaveCheckpoint(path);
            var resumed = SaNodeTrainer.Resume(path);
            Assert.Equal(first.Model.RefinementBackoff, resumed.Model.RefinementBackoff);
            resumed.ExtendTo(4);
            resumed.Run(train, null, null);
            Assert.Equal(straight.Model.PhiTrain.ToArray(), resumed.Model.PhiTrain.ToArray());
            Assert.Equal(straight.Model.Lambda.ToArray(), resumed.Model.Lambda.ToArray());
            Assert.Equal(straight.Model.Gamma, resumed.Model.Gamma);
            Assert.Equal(4, resumed.History.Count);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void InverseRefinementBackOffSurvivesACheckpoint()
    {
        var trainer = new SaNodeTrainer(new SaNodeModel<float>(LettersConfig, new Rng(2)), new SaNodeTrainOptions { Epochs = 1 });
        trainer.Model.RefinementBackoff = (3, 5);
        var path = Path.Combine(Path.GetTempPath(), $"basin-ckpt-{Guid.NewGuid():N}.safetensors");
        try
        {
            trainer.SaveCheckpoint(path);
            Assert.Equal((3, 5), SaNodeTrainer.Resume(path).Model.RefinementBackoff);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AdjointClipReachesTheSolverAndSurvivesACheckpoint()
    {
        var opts = new SaNodeTrainOptions { Epochs = 1, BatchSize = 10, Steps = 30, LearningRate = 0.005, Seed = 5, AdjointClip = 1 };
        Assert.Equal(1.0, opts.SolverOptions(0.5).AdjointClip);
        Assert.Equal(0.0, (opts with { AdjointClip = 0 }).SolverOptions(0.5).AdjointClip);
        Assert.Throws<ArgumentException>(() => (opts with { AdjointClip = -0.5 }).Validate());
        var trainer = new SaNodeTrainer(new SaNodeModel<float>(LettersConfig, new Rng(2)), opts);
        trainer.Run(Letters.Create(copies: 4, epsilon: 0.3, seed: 2), null, null);
        var path = Path.Combine(Path.GetTempPath(), $"basin-ckpt-{Guid.NewGuid():N}.safetensors");
        try
        {
            trainer.SaveCheckpoint(path);
            Assert.Equal(1.0, SaNodeTrainer.Resume(path).Options.AdjointClip);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AugmentationChangesTrainingAndBadRecipesAreRefused()
    {
        var train = Letters.Create(copies: 4);
        var opts = new SaNodeTrainOptions { Epochs = 1, BatchSize = 10, Steps = 10, LearningRate = 0.005, Seed = 5 };
        var plain = new SaNodeTrainer(new SaNodeModel<float>(LettersConfig, new Rng(2)), opts);
        plain.Run(train, null, null);
        var augmented = new SaNodeTrainer(new SaNodeModel<float>(LettersConfig, new Rng(2)), opts with { Augment = "shift=1" });
        augmented.Run(train, null, null);
        Assert.NotEqual(plain.Model.PhiTrain.ToArray(), augmented.Model.PhiTrain.ToArray());
        var e = Assert.Throws<ArgumentException>(() => (opts with { Augment = "zoom=2" }).Validate());
        Assert.Contains("--augment", e.Message);
    }

    [Fact]
    public void ModelFileRoundTripsAndRejectsForeignFiles()
    {
        var model = new SaNodeModel<float>(LettersConfig, new Rng(9));
        var path = Path.Combine(Path.GetTempPath(), $"basin-model-{Guid.NewGuid():N}.safetensors");
        try
        {
            SaNodeFile.Save(path, model, new Dictionary<string, string> { ["dataset"] = "letters" });
            var back = SaNodeFile.Load<double>(path);
            Assert.Equal(model.Config.N, back.Config.N);
            Assert.Equal(model.Lambda.ToArray().Select(v => (double)v), back.Lambda.ToArray());
            Basin.Tensors.IO.SafeTensors.Save(path, new Dictionary<string, Tensor<float>> { ["w"] = new Tensor<float>(2) });
            var e = Assert.Throws<InvalidDataException>(() => SaNodeFile.Load<float>(path));
            Assert.Contains("not an SA-nODE model", e.Message);
        }
        finally { File.Delete(path); }
    }
}
