using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Training;
using Basin.Stability.Classifiers;
using Basin.Studies.Dfsa;

namespace Basin.Studies.Tests.Dfsa;

public sealed class DfsaTrainingRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-dfsa-run").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private DfsaRunOptions Options(int steps, string name) => new(new NetworkSpec(Architecture.Mlp, 6, 6, Hidden: 8).Validate(), InputDistribution.Parse("bits"),
        Objective.Build("obfuscation", []), "obfuscation", new DfsaTrainOptions { Steps = steps, BatchSize = 16, Seed = 3 }.Validate(), Path.Combine(_dir, name));

    [Fact]
    public void RunSavesTheModelWithMetadataAndWritesTheCurves()
    {
        var o = Options(4, "m.safetensors");
        var seen = new List<int>();
        var r = DfsaTrainingRun.Run(o, s => seen.Add(s.Step));
        Assert.Equal([1, 2, 3, 4], seen);
        Assert.Equal(4, r.Steps);
        Assert.False(r.Diverged);
        var (net, meta) = ModelFiles.LoadDfsa<double>(o.Output);
        Assert.Equal(6, net.InputDim);
        Assert.Equal("obfuscation", meta["preset"]);
        Assert.Equal("4", meta["steps_done"]);
        Assert.Equal("f32", meta["dtype"]);
        Assert.True(File.Exists(Path.Combine(_dir, "m.curves", "curves.csv")));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(_dir, "m.curves", "curves.csv")).Length);
        var json = r.ToJson();
        Assert.Equal(o.Objective.Names, json["final_terms"]!.AsObject().Select(kv => kv.Key));
        Assert.EndsWith("curves.svg", (string)json["curves"]!);
    }

    [Fact]
    public void TheSameSeedGivesTheSameModelAndACheckpointResumes()
    {
        var a = DfsaTrainingRun.Run(Options(4, "a.safetensors"));
        var b = DfsaTrainingRun.Run(Options(4, "b.safetensors"));
        Assert.Equal(a.FinalLoss, b.FinalLoss);
        var half = Options(2, "h.safetensors") with { CheckpointEvery = 2 };
        DfsaTrainingRun.Run(half);
        Assert.True(File.Exists(half.Output + ".ckpt"));
        var resumed = DfsaTrainingRun.Run(Options(4, "r.safetensors") with { Resume = half.Output + ".ckpt" });
        Assert.Equal(4, resumed.Steps);
        Assert.Equal(a.FinalLoss, resumed.FinalLoss);
    }
}
