using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode.Training;

namespace Basin.SaNode.Tests.Training;

public class SaNodeRecipesTests
{
    [Fact]
    public void EachDatasetHasItsRecipeAndGivenOptionsReplaceIt()
    {
        Assert.Equal(new SaNodeTrainOptions(), SaNodeRecipes.For("mnist").Options);
        Assert.Equal(new SaNodeTrainOptions(), SaNodeRecipes.For("fashion-mnist").Options);
        Assert.Null(SaNodeRecipes.For("fashion").LetterCopies);
        var letters = SaNodeRecipes.For("letters");
        Assert.Equal((40, 50, 0.01, 0.1), (letters.Options.Epochs, letters.Options.BatchSize, letters.Options.LearningRate, letters.Options.NoiseTrain));
        Assert.Equal(200, letters.LoadTraining().Count);

        var requested = new SaNodeTrainOptions { Epochs = 3, LearningRate = 0.5, Seed = 9 };
        var none = SaNodeRecipes.Resolve("letters", requested, new HashSet<string>());
        Assert.Equal(SaNodeRecipes.Letters, none);
        var some = SaNodeRecipes.Resolve("letters", requested, new HashSet<string> { "--epochs", "--seed", "--lr" });
        Assert.Equal((3, 0.5, 9UL, 50), (some.Epochs, some.LearningRate, some.Seed, some.BatchSize));
        Assert.Equal(10, SaNodeRecipes.Resolve("mnist", requested, new HashSet<string>()).Epochs);
    }

    [Fact]
    public void TheLettersDefaultRecipeClassifiesEveryCleanLetter()
    {
        var recipe = SaNodeRecipes.For("letters");
        var train = recipe.LoadTraining();
        var trainer = new SaNodeTrainer(new SaNodeModel<float>(new SaNodeConfig { N = 49, K = 5 }, new Basin.Tensors.Rng(recipe.Options.Seed)), recipe.Options);
        trainer.Run(train, null, null);
        var test = Datasets.Load("letters", DataSplit.Test);
        var eval = new SolverOptions(ButcherTableau.Euler, 0.1, 1200, Clip: 10 * trainer.Model.Config.A);
        var m = SaNodeEvaluator.Evaluate(trainer.Runner, test, eval);
        Assert.Equal(1.0, m.Accuracy);
    }
}

public class SaNodeTrainingRunTests
{
    [Fact]
    public void ARunWritesModelAndCheckpointAndResumesWithTheGivenOptions()
    {
        var dir = Directory.CreateTempSubdirectory("basin-train-run-").FullName;
        try
        {
            var output = Path.Combine(dir, "m.safetensors");
            var options = SaNodeRecipes.For("letters").Options with { Epochs = 2 };
            var run = SaNodeTrainingRun.Prepare(new SaNodeTrainRequest("letters", options, output, new HashSet<string>(), ValidationCount: 20, ValidationSteps: 100));
            var lines = new List<string>();
            run.Run(epochDone: (_, line) => lines.Add(line));
            Assert.Equal(2, lines.Count);
            Assert.Contains("test[20] H", lines[0]);
            Assert.True(File.Exists(output) && File.Exists(run.Checkpoint));
            var more = options with { Epochs = 3, LearningRate = 0.002 };
            var resumed = SaNodeTrainingRun.Prepare(new SaNodeTrainRequest("letters", more, output, new HashSet<string> { "--lr" }, Resume: true, ValidationCount: 0));
            Assert.Contains("after epoch 2 of 3", resumed.StartNote);
            Assert.Contains("--lr 0.01→0.002", resumed.StartNote);
            resumed.Run();
            Assert.Equal(3, resumed.Trainer.EpochsDone);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
