using System.Text.Json.Nodes;

namespace Basin.Cli.Tests.Commands.Stability;

[Collection("cli")]
public class CertifyCommandTests
{
    /// <summary><c>basin certify --json -o DIR</c> on a letters logistic regression: the JSON fields and the two report files.</summary>
    [Fact]
    public void CertifyPrintsTheCertifiedAccuracyAndWritesTheReport()
    {
        var dir = Directory.CreateTempSubdirectory("basin-certify").FullName;
        try
        {
            var model = Path.Combine(dir, "lr.safetensors");
            var (c0, _, e0) = CliRunner.Run("baseline", "train", "--kind", "logreg", "--dataset", "letters", "--epochs", "10", "--lr", "1e-2", "--out", model);
            Assert.True(c0 == 0, e0);
            var report = Path.Combine(dir, "report");
            var (c, o, e) = CliRunner.Run("certify", "--model", model, "--dataset", "letters", "--sigma", "0.25", "--n0", "50", "--n", "300",
                "--count", "12", "--radii", "0,0.25,0.5", "--attack", "pgd-margin-l2", "--attack-n", "200", "--attack-samples", "8", "--iterations", "5", "--json", "-o", report);
            Assert.True(c == 0, e);
            var r = JsonNode.Parse(o)!;
            Assert.Equal(0.25, (double)r["sigma"]!);
            Assert.Equal(300, (int)r["n"]!);
            Assert.Equal(0.001, (double)r["alpha"]!);
            Assert.InRange((double)r["abstain_rate"]!, 0, 1);
            var curve = r["certified_accuracy"]!.AsArray();
            Assert.Equal([0, 0.25, 0.5], curve.Select(p => (double)p!["radius"]!));
            Assert.True((double)curve[0]!["accuracy"]! >= (double)curve[2]!["accuracy"]!);
            var attacked = r["attacked"]!["attacked_accuracy"]!.AsArray();
            Assert.Equal(3, attacked.Count);
            Assert.InRange((double)attacked[2]!["accuracy"]!, 0, (double)attacked[0]!["accuracy"]!);
            Assert.Equal(13, File.ReadAllLines(Path.Combine(report, "certify.csv")).Length);
            Assert.True(JsonNode.DeepEquals(r, JsonNode.Parse(File.ReadAllText(Path.Combine(report, "certify.json")))));
            var (cb, _, _) = CliRunner.Run("certify", "--model", model, "--dataset", "letters", "--sigma", "0.25", "--radii", "0.5,0.25", "--count", "2", "--n", "10");
            Assert.NotEqual(0, cb);
            // The smoothed model under attack: basin attack --smooth σ attacks the soft smoothed classifier.
            var (ca, oa, ea) = CliRunner.Run("attack", "--model", model, "--dataset", "letters", "--attack", "pgd-margin-l2", "--eps", "1",
                "--count", "6", "--smooth", "0.25", "--smooth-samples", "8", "--iterations", "5", "--json");
            Assert.True(ca == 0, ea);
            var a = JsonNode.Parse(oa)!;
            Assert.StartsWith("soft-smoothed (σ = 0.25, m = 8)", (string)a["model"]!);
            Assert.InRange((double)a["robust_accuracy"]!, 0, (double)a["clean_accuracy"]!);
        }
        finally { Directory.Delete(dir, true); }
    }
}
