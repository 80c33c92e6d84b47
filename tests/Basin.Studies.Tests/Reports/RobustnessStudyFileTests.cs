using System.Text.Json.Nodes;
using Basin.Studies.Reports;
using Basin.Tensors.IO;

namespace Basin.Studies.Tests.Reports;

/// <summary>Reading robustness curves from study JSON, and refusing every other shape with the file's name.</summary>
[Collection("letters-report")]
public sealed class RobustnessStudyFileTests(LettersReportFixture f)
{
    private string Write(string name, JsonNode node)
    {
        var path = Path.Combine(f.Dir, name);
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    [Fact]
    public void AttackResultsOfOneModelAndAttackJoinIntoOneCurveInBudgetOrder()
    {
        var curves = RobustnessStudyFile.Read(f.AttackJsons);
        var c = Assert.Single(curves);
        Assert.Equal("linf", c.Norm);
        Assert.Equal([0, 0.1, 0.2], c.Epsilons);
        Assert.Equal(20, c.Images);
        Assert.Contains("fgsm-0.1.json", c.Source);
    }

    [Fact]
    public void AnAccurateOrStableResultGivesWorstCaseAndPerAttackCurves()
    {
        var curves = RobustnessStudyFile.Read([f.StudyJson]);
        var doc = JsonOutput.Read(f.StudyJson);
        var m = doc["models"]![0]!;
        var worst = curves.Single(c => c.Norm == "linf" && c.Attack == "worst-case");
        Assert.Equal((double)m["clean_accuracy"]!, worst.RobustAccuracy[0]);
        Assert.Equal((double)m["linf"]!["worst_case"]![0]!, worst.RobustAccuracy[1]);
        int attacks = m["linf"]!["attacks"]!.AsArray().Count + m["l2"]!["attacks"]!.AsArray().Count;
        Assert.Equal(2 + attacks, curves.Count);
    }

    [Fact]
    public void OtherShapesAreRefusedNamingTheFile()
    {
        var attack = JsonOutput.Read(f.AttackJsons[0]).AsObject();
        var shard = Write("part.json", new JsonObject { ["study"] = "accurate-or-stable", ["shard"] = "1/2", ["options"] = 1, ["result"] = 1 });
        Assert.Contains("basin merge", Assert.Throws<InvalidDataException>(() => RobustnessStudyFile.Read([shard])).Message);
        var other = Write("other.json", new JsonObject { ["study"] = "horizon" });
        Assert.Contains("other.json", Assert.Throws<InvalidDataException>(() => RobustnessStudyFile.Read([other])).Message);
        var minimal = (JsonObject)attack.DeepClone();
        minimal["eps"] = null; minimal["robust_accuracy"] = null;
        Assert.Contains("minimal-norm", Assert.Throws<InvalidDataException>(() => RobustnessStudyFile.Read([Write("min.json", minimal)])).Message);
        var text = (JsonObject)attack.DeepClone();
        text["robust_accuracy"] = "high";
        Assert.Throws<InvalidDataException>(() => RobustnessStudyFile.Read([Write("text.json", text)]));
        Assert.Contains("same ε", Assert.Throws<InvalidDataException>(() => RobustnessStudyFile.Read([f.AttackJsons[0], Write("again.json", attack)])).Message);
        var broken = Write("broken.json", new JsonObject { ["models"] = new JsonArray(new JsonObject { ["model"] = "m" }) });
        Assert.Throws<InvalidDataException>(() => RobustnessStudyFile.Read([broken]));
        File.WriteAllText(Path.Combine(f.Dir, "bad.json"), "{ not json");
        Assert.Throws<InvalidDataException>(() => RobustnessStudyFile.Read([Path.Combine(f.Dir, "bad.json")]));
        Assert.Throws<FileNotFoundException>(() => RobustnessStudyFile.Read([Path.Combine(f.Dir, "none.json")]));
    }
}
