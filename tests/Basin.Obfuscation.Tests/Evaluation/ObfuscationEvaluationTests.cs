using Basin.Obfuscation.Evaluation;
using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Tests.Evaluation;

public sealed class ObfuscationEvaluationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-obf-eval").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static (Split Split, double[] Public) Data() => SyntheticSplit.TwoClass(64, 20, 100);

    [Fact]
    public void Run_MeasuresEveryTransformAndAttacker_AndWritesJsonTablesAndFigures()
    {
        var (split, pub) = Data();
        var o = new EvaluationOptions(Geometries: [0, 100], Coupling: new CouplingOptions(Block: 8, Hidden: 8, CouplingLayers: 2, TrainSteps: 5, Batch: 16),
            Utility: new UtilityOptions(LogRegEpochs: 2, MlpEpochs: 2, MlpHidden: 8, SaNodeEpochs: 1), ShownImages: 2);
        var r = ObfuscationEvaluation.Run(split, pub, 100, o);
        Assert.Equal(["haar_rotation", "dfsa_w0", "dfsa_w100", "random_projection_4"], r.Transforms.Take(4).Select(t => t.Name).ToArray());
        Assert.StartsWith("additive_noise_sigma", r.Transforms[^1].Name);
        Assert.Equal([0, 1, 2, 4, 8, 16, 32], r.KnownPairGrid);
        foreach (var t in r.Transforms)
        {
            Assert.Equal(t.Kind == "projection" ? ["knn", "logreg", "mlp"] : ["knn", "logreg", "mlp", "sanode", "sanode_nearest"], t.Utility.Keys.ToArray());
            Assert.Equal(4 * r.KnownPairGrid.Length, t.Attack.Count);
            if (t.Kind is "rotation" or "dfsa") Assert.True(t.RoundTripMaxRelativeError < 1e-9);
            else Assert.Null(t.RoundTripMaxRelativeError);
        }
        var rotation = r.Transforms[0];
        Assert.Equal(1.0, rotation.DistanceRankCorrelation, 9);
        Assert.Equal(r.PlainUtility["knn"], rotation.Utility["knn"]);
        Assert.True(rotation.Attack.Single(a => a is { Attacker: "least_squares", KnownPairs: 32 }).MedianRelativeError < 1e-6, "least squares must break a rotation with 2d pairs");

        var json = EvaluationReportWriter.ToJson(r);
        var first = json["transforms"]![0]!;
        foreach (var field in new[] { "name", "utility", "plain_utility", "distance_rank_correlation", "attack" }) Assert.NotNull(first[field]);
        Assert.NotNull(first["attack"]![0]!["median_relative_error"]);
        var files = EvaluationReportWriter.Write(r, _dir);
        foreach (var f in new[] { "report.json", "utility.csv", "attacks.csv", "tradeoff.svg", "tradeoff.png", "recoveries.png", "attack-median-error.png" })
            Assert.Contains(files, p => Path.GetFileName(p) == f && File.Exists(p) && new FileInfo(p).Length > 100);
    }

    [Fact]
    public void Standardisation_IsMeanAndRms()
    {
        var (c, s) = ObfuscationEvaluation.Standardisation([1, 3, 1, 3]);
        Assert.Equal(2, c, 12);
        Assert.Equal(1, s, 12);
    }
}
