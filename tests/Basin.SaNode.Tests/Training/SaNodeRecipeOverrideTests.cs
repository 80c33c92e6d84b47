using Basin.SaNode.Training;
using Basin.SaNode;

namespace Basin.SaNode.Tests.Training;

public class SaNodeRecipeOverrideTests
{
    private static readonly SaNodeTrainOptions Saved = new()
    {
        Epochs = 30, Steps = 55, LearningRate = 3e-4, Schedule = "cosine", WarmupEpochs = 0.5, Augment = "shift=2", Seed = 7,
    };

    [Fact]
    public void OnlyGivenOptionsReplaceTheCheckpointRecipe()
    {
        var requested = new SaNodeTrainOptions { Epochs = 32, Steps = 200, LearningRate = 3e-5, Schedule = "constant", Seed = 99 };
        var (o, changes) = SaNodeRecipeOverride.Apply(Saved, requested, new HashSet<string> { "--steps", "--lr" });
        Assert.Equal(200, o.Steps);
        Assert.Equal(3e-5, o.LearningRate);
        Assert.Equal("cosine", o.Schedule);        // not given: the checkpoint's value holds
        Assert.Equal("shift=2", o.Augment);        // the requested default "none" does not erase the augmentation
        Assert.Equal(7UL, o.Seed);                 // the seed is never overridden (it fixes the shuffles of a run)
        Assert.Equal(30, o.Epochs);                // epochs are extended separately
        Assert.Equal(new[] { "--steps 55→200", "--lr 0.0003→3E-05" }, changes);
    }

    [Fact]
    public void NothingGivenOrNothingDifferentMeansNoChange()
    {
        var (o, changes) = SaNodeRecipeOverride.Apply(Saved, new SaNodeTrainOptions { Steps = 999 }, new HashSet<string>());
        Assert.Same(Saved, o);
        Assert.Empty(changes);
        var (o2, changes2) = SaNodeRecipeOverride.Apply(Saved, Saved with { Epochs = 40 }, new HashSet<string> { "--steps", "--augment" });
        Assert.Equal(Saved, o2);
        Assert.Empty(changes2);
    }

    [Fact]
    public void AnInvalidMergedRecipeIsRejected()
    {
        var bad = new SaNodeTrainOptions();
        bad = bad with { Augment = "zoom=2" };
        Assert.Throws<ArgumentException>(() => SaNodeRecipeOverride.Apply(Saved, bad, new HashSet<string> { "--augment" }));
    }
}
