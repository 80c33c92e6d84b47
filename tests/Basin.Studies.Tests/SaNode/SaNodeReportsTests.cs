using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.SaNode.Studies;
using Basin.SaNode.Training;
using Basin.Studies.SaNode;

namespace Basin.Studies.Tests.SaNode;

/// <summary>The SA-nODE studies and reports called as a library, on a letters model trained in about a second.</summary>
public sealed class SaNodeReportsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("basin-sanode-reports-").FullName;
    private readonly string _model;

    public SaNodeReportsTests()
    {
        _model = Path.Combine(_dir, "letters.safetensors");
        var options = SaNodeRecipes.For("letters").Options with { Epochs = 8 };
        SaNodeTrainingRun.Prepare(new SaNodeTrainRequest("letters", options, _model, new HashSet<string>(), ValidationCount: 0)).Run();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AllExist(IEnumerable<string> files) => Assert.All(files, f => Assert.True(File.Exists(f), f));

    [Fact]
    public void InversionRecoversTheInputAndSweepsTheGrid()
    {
        var m = SaNodeFile.Load<double>(_model);
        var data = Datasets.Load("letters", DataSplit.Test);
        var r = InversionStudy.Single(m, data, 2, 1, 1, 1e-3, ButcherTableau.Rk4, Path.Combine(_dir, "inv"));
        Assert.True(r.MedianMse < 1e-12, $"{r.MedianMse}");
        Assert.Equal(2, r.NearestAttractorAtTInv);
        AllExist(r.Files);
        var s = InversionStudy.Sweep(m, data, 0, 2, ButcherTableau.Euler, [0.5, 1], [0.1, 0.01], Path.Combine(_dir, "sweep"));
        Assert.Equal(4, s.Results.Length);
        Assert.All(s.Results, c => Assert.True(c.MaxMse >= c.MedianMse));
        Assert.Throws<ArgumentException>(() => InversionStudy.Single(m, data, data.Count, 1, 1, 1e-3, ButcherTableau.Rk4, _dir));
    }

    [Fact]
    public void CasesStabilityAndHistoryReports()
    {
        var data = Datasets.Load("letters", DataSplit.Test).Take(50);
        var doc = CasesStudy.Run(SaNodeFile.Load<float>(_model), data, "letters", _model, 300, 0.1, Path.Combine(_dir, "cases"));
        Assert.Equal(50, (int)doc["perfect"]! + (int)doc["partial"]! + (int)doc["failed"]!);
        Assert.Equal(51, File.ReadAllLines(Path.Combine(_dir, "cases", "fig7-cases.csv")).Length);

        var (stability, cert, config) = SaNodeStabilityReport.Run(_model, Path.Combine(_dir, "stab"));
        Assert.True((bool)stability["all_attractors_stable"]!);
        Assert.True((bool)stability["initial_model_known"]!);
        Assert.Equal(5, config.K);
        Assert.True(cert.MaxRealJacobian < 0);
        AllExist(new[] { "stab-eigenvalues.svg", "stab-spectrum.png", "stab-spectrum.csv" }.Select(f => Path.Combine(_dir, f)));

        var history = TrainingHistory.Read(_model + ".ckpt");
        Assert.Equal(8, history.Epochs.Count);
        Assert.True(history.Hours.Zip(history.Hours.Skip(1)).All(p => p.Second >= p.First));
        history.Write(Path.Combine(_dir, "curve"));
        Assert.Equal(1 + 8, File.ReadAllLines(Path.Combine(_dir, "curve.csv")).Length);
        Assert.Throws<InvalidDataException>(() => TrainingHistory.Read(_model));
    }

    [Fact]
    public void ConvergenceGradientAndLettersFigures()
    {
        var report = ConvergenceStudyRun.Run(new ConvergenceStudyOptions(_model, "letters", Horizon: 1, Count: 10), Path.Combine(_dir, "rk4"));
        Assert.Equal(10, report.Images);
        Assert.True(report.Result.Rk4Slope > report.Result.EulerSlope);
        var summary = ConvergenceStudyRun.Write(Path.Combine(_dir, "rk4"), report);
        Assert.Equal("rk4", (string)summary["study"]!);

        var g = GradientStudy.Run(SaNodeFile.Load<double>(_model), Letters.Create(12), [10], [1], batchSize: 20, heldOut: 2);
        GradientFigures.Write(Path.Combine(_dir, "grad"), g, "letters", _model, "letters", 0);
        AllExist(new[] { "gradient.svg", "gradient-linearity.csv", "gradient-transfer.csv", "summary.json" }.Select(f => Path.Combine(_dir, "grad", f)));

        var letters = LettersStudy.Run(new LettersStudyOptions([0], [0, 0.5, 1.0], Copies: 10, TestCopies: 4, Epochs: 4, Steps: 100, Sigmas: [1.0], Draws: 2));
        var doc = LettersStudyFigures.Write(Path.Combine(_dir, "letters"), letters, quick: true);
        Assert.Single(doc["models"]!.AsArray());
        AllExist(new[] { "fig3-overlap-vs-noise.svg", "fig4-mse-histogram.png", "fig6-fraction-vs-train-noise.csv", "fig7-input-output-target.png", "stability.csv", "summary.json" }
            .Select(f => Path.Combine(_dir, "letters", f)));
    }
}
