using System.Text.Json.Nodes;
using Basin.Studies.Reports;
using Basin.Tensors.IO;

namespace Basin.Studies.Tests.Reports;

/// <summary>The report's computation on a letters model: what each section holds, and the inputs it refuses before integrating.</summary>
[Collection("letters-report")]
public sealed class ModelReportStudyTests(LettersReportFixture f)
{
    [Fact]
    public void TheSectionsAgreeWithEachOther()
    {
        var r = f.Result;
        Assert.Equal("letters", r.Dataset);
        Assert.Equal((49, 5), (r.N, r.K));
        Assert.Equal("basin.sanode.v1", r.Provenance["format"]);
        Assert.Equal(100, r.Evaluation.Count);
        Assert.Equal(100, r.Horizon.Result.Count);
        Assert.True(r.Certificate.AllAttractorsStable);
        Assert.True(r.Certificate.MaxRealJacobian < 0);
        Assert.NotNull(r.Certificate.InitialLambda);
        var e = r.Examples;
        Assert.Equal(r.Horizon.Result.Times[^1], e.Time);
        Assert.Equal(100, e.Right + e.Wrong + e.Unsettled);
        Assert.Equal(r.Horizon.Result.Accuracy[^1], (double)e.Right / 100, 12);
        Assert.Equal(Math.Min(4, e.Right), e.RightSamples.Length);
        Assert.All(e.RightSamples, x => Assert.True(x.SignOverlap >= 0.95 && x.Pixels.Length == 49));
        Assert.All(e.WrongSamples, x => Assert.NotEqual(x.Label, x.Nearest));
        Assert.All(e.UnsettledSamples, x => Assert.True(x.Label == x.Nearest && x.SignOverlap < 0.95));
        // Fixed-step Euler to T = 120 both ways: the accuracy table and the horizon study's last read-out agree.
        Assert.Equal(r.Evaluation.Accuracy, r.Horizon.Result.Accuracy[^1], 12);
        Assert.Equal(8, r.LearningCurve!.Epochs);
        Assert.True(r.LearningCurve.FinalTrainAccuracy > 0.5);
    }

    [Fact]
    public void RobustnessCurvesComeFromTheStudyAndTheAttackResults()
    {
        var curves = f.Result.Robustness;
        var fgsm = Assert.Single(curves, c => c.Attack == "fgsm-linf" && c.Source.StartsWith("fgsm-", StringComparison.Ordinal));
        Assert.Equal([0, 0.1, 0.2], fgsm.Epsilons);
        var attack01 = JsonOutput.Read(f.AttackJsons[1]);
        Assert.Equal((double)attack01["robust_accuracy"]!, fgsm.RobustAccuracy[1]);
        Assert.Equal((double)attack01["clean_accuracy"]!, fgsm.RobustAccuracy[0]);
        var worst = curves.Where(c => c.Attack == "worst-case").ToList();
        Assert.Equal(["linf", "l2"], worst.Select(c => c.Norm));
        Assert.All(worst, c => Assert.Equal(0, c.Epsilons[0]));
        Assert.All(worst, c => Assert.True(c.RobustAccuracy.Zip(c.RobustAccuracy.Skip(1)).All(p => p.Second <= p.First + 1e-12)));
    }

    [Fact]
    public void BadInputsFailBeforeAnyIntegration()
    {
        var o = new ModelReportOptions(f.Model, Count: 10);
        Assert.Throws<FileNotFoundException>(() => ModelReportStudy.Run(o with { Model = Path.Combine(f.Dir, "missing.safetensors") }));
        Assert.Throws<InvalidDataException>(() => ModelReportStudy.Run(o with { Checkpoint = f.Model }));
        var wrong = Path.Combine(f.Dir, "wrong.json");
        File.WriteAllText(wrong, new JsonObject { ["study"] = "horizon", ["result"] = 1 }.ToJsonString());
        var ex = Assert.Throws<InvalidDataException>(() => ModelReportStudy.Run(o with { Studies = [wrong] }));
        Assert.Contains("wrong.json", ex.Message);
        Assert.Throws<ArgumentException>(() => ModelReportStudy.Run(o with { Count = -1 }));
        Assert.Throws<ArgumentException>(() => ModelReportStudy.Run(o with { HorizonTimes = [1, -2] }));
    }
}
