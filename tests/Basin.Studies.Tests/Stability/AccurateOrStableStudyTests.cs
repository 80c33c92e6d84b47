using System.Text.Json.Nodes;
using Basin.Data;
using Basin.Stability.Classifiers;
using Basin.Studies.Sharding;
using Basin.Studies.Stability;
using Basin.Tensors.IO;
using Basin.Tensors.Sharding;

namespace Basin.Studies.Tests.Stability;

public sealed class AccurateOrStableStudyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"basin-aos-{Guid.NewGuid():N}");
    private readonly AccurateOrStableOptions _options;
    private readonly LabeledImages _test = Letters.Create(2, 0.15, seed: 4);

    public AccurateOrStableStudyTests()
    {
        Directory.CreateDirectory(_dir);
        var train = Letters.Create(40, 0.2, seed: 1);
        var lr = new MlpClassifier([49, 5], seed: 2);
        BaselineTrainer.Train(lr, train, epochs: 15, batch: 50, learningRate: 1e-2);
        var mlp = new MlpClassifier([49, 16, 5], seed: 3);
        BaselineTrainer.Train(mlp, train, epochs: 15, batch: 50, learningRate: 1e-2);
        lr.Save(Path.Combine(_dir, "lr.safetensors"));
        mlp.Save(Path.Combine(_dir, "mlp.safetensors"));
        _options = new AccurateOrStableOptions
        {
            Models = [Path.Combine(_dir, "lr.safetensors"), Path.Combine(_dir, "mlp.safetensors")], Dataset = "letters", Count = 10,
            LInfEpsilons = [0.1, 0.3], L2Epsilons = [0.5, 2], Iterations = 5, SquareQueries = 20, HsjIterations = 3, CheckCount = 4,
            BlackBoxCount = 6, LipschitzCount = 3, BatchSize = 3, Seed = 5,
        };
    }

    public void Dispose() => Directory.Delete(_dir, true);

    private string Merged(int shards)
    {
        var study = ShardedStudies.Find("accurate-or-stable");
        var options = AccurateOrStableStudy.ToJson(_options);
        var parts = Enumerable.Range(1, shards).Select(k =>
        {
            var part = AccurateOrStableStudy.RunShard(_options, _test, new Shard(k, shards));
            var doc = ShardDocument.Create(study.Name, new Shard(k, shards), options, AccurateOrStableStudy.ToJson(part));
            return ShardDocument.Parse(JsonNode.Parse(JsonOutput.ToText(doc))!, $"part {k}");   // through text, as the files are
        }).Reverse().ToArray();
        return JsonOutput.ToText(ShardedStudies.Merge(parts).Result);
    }

    [Fact]
    public void MergedShardsEqualTheUnshardedRunExactly()
    {
        var whole = AccurateOrStableStudy.Run(_options, _test);
        var text = JsonOutput.ToText(AccurateOrStableStudy.ToJson(whole));
        Assert.Equal(text, Merged(2));
        Assert.Equal(text, Merged(3));
        Assert.Equal(2, whole.Models.Count);
        Assert.Equal(10, whole.Count);
        Assert.NotNull(whole.Surrogate);
        Assert.Contains(whole.Models[0].LInf.Attacks, a => a.Attack == "transfer-linf");
        Assert.DoesNotContain(whole.Models[1].LInf.Attacks, a => a.Attack == "transfer-linf");   // the MLP is the surrogate itself
        foreach (var m in whole.Models)
        {
            Assert.InRange(m.CleanAccuracy, 0.5, 1);
            Assert.All(m.LInf.WorstCase, w => Assert.InRange(w, 0, m.CleanAccuracy));
        }
    }

    [Fact]
    public void RenderWritesTheReportFromTheMergedJson()
    {
        var study = ShardedStudies.Find("accurate-or-stable");
        var result = AccurateOrStableStudy.ToJson(AccurateOrStableStudy.Run(_options with { Models = [_options.Models[0]] }, _test));
        var files = study.Render(JsonNode.Parse(JsonOutput.ToText(result))!, Path.Combine(_dir, "report"));
        foreach (var name in new[] { "accurate-or-stable.csv", "curves.csv", "accurate-or-stable.json", "robust-linf.png", "robust-l2.svg", "gradient-norms.png" })
            Assert.Contains(files, f => Path.GetFileName(f) == name);
        Assert.All(files, f => Assert.True(File.Exists(f), f));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir, "report", "accurate-or-stable.csv")).Length);
        Assert.Equal(JsonOutput.ToText(result), JsonOutput.ToText(JsonOutput.Read(Path.Combine(_dir, "report", "accurate-or-stable.json"))));
    }
}
