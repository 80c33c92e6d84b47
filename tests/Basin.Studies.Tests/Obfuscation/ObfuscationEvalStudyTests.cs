using System.Text.Json.Nodes;
using Basin.Obfuscation.Evaluation;
using Basin.Obfuscation.Transform;
using Basin.Studies.Obfuscation;
using Basin.Studies.Sharding;
using Basin.Tensors.IO;
using Basin.Tensors.Sharding;

namespace Basin.Studies.Tests.Obfuscation;

public class ObfuscationEvalStudyTests
{
    private static (Split Split, double[] Public) Data() => SyntheticSplit.TwoClass(48, 16, 60);

    private static readonly EvaluationOptions Options = new(Geometries: [0, 100], Coupling: new CouplingOptions(Block: 8, Hidden: 8, CouplingLayers: 2, TrainSteps: 5, Batch: 16),
        Utility: new UtilityOptions(LogRegEpochs: 2, MlpEpochs: 1, MlpHidden: 8, SaNodeEpochs: 0), ShownImages: 2);

    [Fact]
    public void MergedShardsEqualTheUnshardedRun()
    {
        var (split, pub) = Data();
        var study = ShardedStudies.Find("obfuscation-eval");
        var whole = JsonOutput.ToText(ObfuscationEvalStudy.Result(ObfuscationEvaluation.Run(split, pub, 60, Options)));
        var options = ObfuscationEvalStudy.Options(Options, null);
        Assert.Equal(6, ObfuscationEvaluation.WorkItems(Options).Count);
        foreach (int n in new[] { 2, 3 })
        {
            var parts = Enumerable.Range(1, n).Select(k => new Shard(k, n))
                .Select(s => ShardDocument.Create(study.Name, s, options, EvaluationJson.Part(ObfuscationEvaluation.RunPart(split, pub, 60, Options, s))))
                .Select(d => ShardDocument.Parse(JsonNode.Parse(JsonOutput.ToText(d))!, "part")).ToArray();
            var (_, merged) = ShardedStudies.Merge(parts);
            Assert.Equal(whole, JsonOutput.ToText(merged));
        }
    }

    [Fact]
    public void TheStudyResultReadsBackAndRendersTheReport()
    {
        var (split, pub) = Data();
        var report = ObfuscationEvaluation.Run(split, pub, 60, Options with { Geometries = [1] });
        var result = ObfuscationEvalStudy.Result(report);
        var back = EvaluationJson.ReportFrom(JsonNode.Parse(JsonOutput.ToText(result))!);
        Assert.Equal(report.Transforms.Select(t => t.Name), back.Transforms.Select(t => t.Name));
        Assert.Equal(report.Transforms[1].Attack.Select(a => a.MedianRelativeError), back.Transforms[1].Attack.Select(a => a.MedianRelativeError));
        Assert.Equal(report.PlainUtility, back.PlainUtility);
        var dir = Directory.CreateTempSubdirectory("basin-obf-study").FullName;
        try
        {
            var files = new ObfuscationEvalStudy().Render(result, dir);
            foreach (var f in new[] { "report.json", "utility.csv", "attacks.csv", "tradeoff.png", "recoveries.png" })
                Assert.Contains(files, p => Path.GetFileName(p) == f && File.Exists(p));
        }
        finally { Directory.Delete(dir, true); }
    }
}
