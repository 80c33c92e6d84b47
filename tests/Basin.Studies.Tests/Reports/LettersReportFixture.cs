using Basin.Data;
using Basin.SaNode.Training;
using Basin.Stability;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Studies.Reports;
using Basin.Studies.Stability;
using Basin.Tensors.IO;

namespace Basin.Studies.Tests.Reports;

/// <summary>
/// One letters SA-nODE (8 epochs, about a second) with its checkpoint, a logistic-regression baseline with a tiny
/// accurate-or-stable result and two 'basin attack' results of it, and the report computed from them — shared by the report tests.
/// </summary>
public sealed class LettersReportFixture : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("basin-report-").FullName;
    public string Model { get; }
    public string Checkpoint => Model + ".ckpt";
    public string StudyJson { get; }
    public string[] AttackJsons { get; }
    public ModelReportResult Result { get; }

    public LettersReportFixture()
    {
        Model = Path.Combine(Dir, "letters.safetensors");
        var options = SaNodeRecipes.For("letters").Options with { Epochs = 8 };
        SaNodeTrainingRun.Prepare(new SaNodeTrainRequest("letters", options, Model, new HashSet<string>(), ValidationCount: 0)).Run();

        var lr = new MlpClassifier([49, 5], seed: 2);
        BaselineTrainer.Train(lr, Letters.Create(40, 0.2, seed: 1), epochs: 15, batch: 50, learningRate: 1e-2);
        var lrPath = Path.Combine(Dir, "lr.safetensors");
        lr.Save(lrPath);
        var study = new AccurateOrStableOptions
        {
            Models = [lrPath], Dataset = "letters", Count = 8, LInfEpsilons = [0.1, 0.3], L2Epsilons = [0.5, 2], Iterations = 5, SquareQueries = 20,
            HsjIterations = 3, CheckCount = 4, BlackBoxCount = 4, LipschitzCount = 3, BatchSize = 4, Seed = 5,
        };
        StudyJson = Path.Combine(Dir, "aos.json");
        JsonOutput.Write(StudyJson, AccurateOrStableStudy.ToJson(AccurateOrStableStudy.Run(study, Letters.Create(2, 0.15, seed: 4))));
        var test = Datasets.Load("letters", DataSplit.Test);
        AttackJsons = new[] { 0.2, 0.1 }.Select(eps =>
        {
            var r = AttackEvaluation.Run(lr, test, AttackCatalogue.Find("fgsm-linf"), new AttackEvaluationOptions(eps, 20, 10, new AttackSettings()));
            var path = Path.Combine(Dir, $"fgsm-{eps}.json");
            File.WriteAllText(path, JsonOutput.ToText(r));
            return path;
        }).ToArray();
        Result = ModelReportStudy.Run(new ModelReportOptions(Model, Checkpoint: Checkpoint, Studies: [StudyJson, .. AttackJsons], Count: 100, ExamplesPerKind: 4));
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>The report tests share one <see cref="LettersReportFixture"/>.</summary>
[CollectionDefinition("letters-report")]
public sealed class LettersReportCollection : ICollectionFixture<LettersReportFixture>;
