using Basin.Dfsa.Art;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Training;
using Basin.Tensors;

namespace Basin.Dfsa.Tests;

public sealed class TrainerTests
{
    private static readonly NetworkSpec Spec = new(Architecture.Mlp, 8, 8, Hidden: 16, Layers: 1);

    private static (DfsaNetwork<float> Net, DfsaTrainer<float> Trainer) Make(ulong seed, int steps) =>
        Make(seed, steps, Objective.Build("crypto", []));

    private static (DfsaNetwork<float> Net, DfsaTrainer<float> Trainer) Make(ulong seed, int steps, Objective objective)
    {
        var net = Spec.Create<float>(new Rng(seed));
        var trainer = new DfsaTrainer<float>(net, new BitsInput(), objective, new DfsaTrainOptions { Steps = steps, BatchSize = 32, Seed = seed });
        return (net, trainer);
    }

    private static float[] Weights(DfsaNetwork<float> net) => net.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();

    [Fact]
    public void SameSeedGivesIdenticalRuns()
    {
        var (a, ta) = Make(7, 15);
        var (b, tb) = Make(7, 15);
        ta.Train();
        tb.Train();
        Assert.Equal(Weights(a), Weights(b));
        Assert.Equal(ta.History.Steps.Select(s => s.Loss), tb.History.Steps.Select(s => s.Loss));
        var (c, tc) = Make(8, 15);
        tc.Train();
        Assert.NotEqual(Weights(a), Weights(c));
    }

    [Fact]
    public void ResumingFromACheckpointContinuesTheSameRun()
    {
        var (full, tf) = Make(3, 10);
        tf.Train();
        string path = Path.Combine(Path.GetTempPath(), $"dfsa-ckpt-{Guid.NewGuid():N}.safetensors");
        try
        {
            var (half, th) = Make(3, 5);
            th.Train();
            th.SaveCheckpoint(path);
            var (resumed, tr) = Make(99, 10);
            tr.LoadCheckpoint(path);
            Assert.Equal(5, tr.Step);
            tr.Train();
            Assert.Equal(Weights(full), Weights(resumed));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TrainingMovesTheTargetedTerms()
    {
        var objective = Objective.Build(null, ["norm_discontinuity=-1", "overflow=10"]);
        var (_, t) = Make(1, 60, objective);
        var result = t.Train();
        Assert.False(result.Diverged);
        double first = result.History.Steps.Take(5).Average(s => s.Values[0]);
        double last = result.History.Steps.TakeLast(5).Average(s => s.Values[0]);
        Assert.True(last > first, $"norm_discontinuity {first} → {last}");
    }

    [Fact]
    public void ObjectiveParsesOverridesAndRejectsUnknownTerms()
    {
        var o = Objective.Build("generic", ["entropy=0", "volume=0.5", "sensitivity=-2"]);
        Assert.DoesNotContain("entropy", o.Names);
        Assert.Contains("volume", o.Names);
        Assert.Equal(-2, o.Terms.Single(t => t.Term.Name == "sensitivity").Weight);
        Assert.Throws<ArgumentException>(() => Objective.Build(null, ["nonsense=1"]));
        Assert.Throws<ArgumentException>(() => Objective.Build(null, ["entropy"]));
        Assert.DoesNotContain(Objective.Build("crypto", [], withoutStability: true).Names, n => n is "overflow" or "output_norm" or "log_magnitude" or "adaptive_regularization");
    }

    [Fact]
    public void PresetsAreNestedRings()
    {
        var generic = Presets.Get("generic").Select(t => t.Term.Name).ToHashSet();
        var crypto = Presets.Get("crypto").Select(t => t.Term.Name).ToHashSet();
        var obfuscation = Presets.Get("obfuscation").Select(t => t.Term.Name).ToHashSet();
        var generative = Presets.Get("generative").Select(t => t.Term.Name).ToHashSet();
        Assert.True(generic.IsProperSubsetOf(crypto));
        Assert.True(crypto.IsProperSubsetOf(obfuscation));
        Assert.Contains("invertibility", crypto);
        Assert.DoesNotContain("invertibility", generative);
        Assert.Contains("distance", generative);
    }

    [Fact]
    public void ArtIsAFunctionOfTheSeed()
    {
        var opts = new ArtOptions { Steps = 5, Hidden = 8, Layers = 2 };
        var a = ArtGenerator.Render(ArtGenerator.Train(4, opts).Network, 16, 16);
        var b = ArtGenerator.Render(ArtGenerator.Train(4, opts).Network, 16, 16);
        var c = ArtGenerator.Render(ArtGenerator.Train(5, opts).Network, 16, 16);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, v => Assert.InRange(v, 0f, 1f));
    }
}
