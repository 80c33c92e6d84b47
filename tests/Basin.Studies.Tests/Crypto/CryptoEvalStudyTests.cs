using Basin.Crypto.Evaluation;
using Basin.Crypto.Keys;
using Basin.Studies.Crypto;
using Basin.Studies.Sharding;
using Basin.Tensors.IO;
using Basin.Tensors.Sharding;
using System.Text.Json.Nodes;

namespace Basin.Studies.Tests.Crypto;

public class CryptoEvalStudyTests
{
    private static readonly EvaluationOptions Tiny = new()
    {
        DiffusionSamples = 64, NistSequences = 2, NistBits = 1 << 14, AttackTrain = 600, AttackTest = 400, AttackEpochs = 1, RoundSweep = [3, 1, 2, 2, 99],
    };

    private static CipherKey Key() => new(Enumerable.Range(0, 32).Select(i => (byte)(i * 37 + 5)).ToArray(), 8, RoundFunctionTrainer.Train(7, steps: 0));

    [Fact]
    public void RoundCountsAreDistinctAscendingAndWithinRange() => Assert.Equal([1, 2, 3], RoundSweep.Counts(Tiny));

    [Fact]
    public void MergedShardsEqualTheUnshardedSweep()
    {
        var key = Key();
        var study = ShardedStudies.Find("crypto-eval");
        var options = CryptoEvalStudy.Options(key, Tiny);
        var whole = CryptoReportJson.Sweep(RoundSweep.Run(key, Tiny, Shard.Whole));
        Assert.Equal(3, whole["round_sweep"]!.AsArray().Count);
        foreach (int n in new[] { 2, 3 })
        {
            var parts = Enumerable.Range(1, n).Select(k => new Shard(k, n))
                .Select(s => ShardDocument.Create(study.Name, s, options, CryptoReportJson.Sweep(RoundSweep.Run(key, Tiny, s))))
                .Select(d => ShardDocument.Parse(JsonNode.Parse(JsonOutput.ToText(d))!, "part")).Reverse().ToArray();
            var (_, merged) = ShardedStudies.Merge(parts);
            Assert.Equal(JsonOutput.ToText(whole), JsonOutput.ToText(merged));
        }
    }

    [Fact]
    public void RenderWritesTheRoundMarginFigureAndTable()
    {
        var dir = Directory.CreateTempSubdirectory("basin-crypto-study").FullName;
        try
        {
            var sweep = CryptoReportJson.Sweep(RoundSweep.Run(Key(), Tiny with { RoundSweep = [1, 2] }, Shard.Whole));
            var files = new CryptoEvalStudy().Render(sweep, dir);
            Assert.All(files, f => Assert.True(File.Exists(f), f));
            Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "eval.csv")).Length);
        }
        finally { Directory.Delete(dir, true); }
    }
}
