using System.Text.Json;

namespace Basin.Cli.Tests.Commands;

[Collection("cli")]
public class ReportCommandTests
{
    [Fact]
    public void ReportsAFreshLettersModelAndRefusesBadInputWithOneErrorLine()
    {
        var dir = Directory.CreateTempSubdirectory("basin-report-cli-").FullName;
        try
        {
            var model = Path.Combine(dir, "letters.safetensors");
            var (code, _, err) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--epochs", "6", "--eval-count", "0", "--out", model);
            Assert.True(code == 0, err);
            var attack = Path.Combine(dir, "fgsm.json");
            var (ca, oa, ea) = CliRunner.Run("attack", "--model", model, "--dataset", "letters", "--attack", "fgsm-linf", "--eps", "0.2", "--count", "20", "--json");
            Assert.True(ca == 0, ea);
            File.WriteAllText(attack, oa);

            var html = Path.Combine(dir, "report.html");
            var (c1, o1, e1) = CliRunner.Run("report", "--model", model, "--checkpoint", model + ".ckpt", "--study", attack, "--count", "60", "--out", html, "--json");
            Assert.True(c1 == 0, e1);
            using (var d = JsonDocument.Parse(o1))
            {
                var r = d.RootElement;
                Assert.Equal("letters", r.GetProperty("dataset").GetString());
                Assert.Equal(60, r.GetProperty("evaluation").GetProperty("count").GetInt32());
                var ex = r.GetProperty("examples");
                Assert.Equal(60, ex.GetProperty("right").GetInt32() + ex.GetProperty("wrong").GetInt32() + ex.GetProperty("unsettled").GetInt32());
                Assert.Equal(6, r.GetProperty("learning_curve").GetProperty("epochs").GetInt32());
                Assert.Equal([0, 0.2], r.GetProperty("robustness")[0].GetProperty("epsilons").EnumerateArray().Select(e => e.GetDouble()));
                Assert.False(r.GetProperty("examples").GetProperty("right_samples")[0].TryGetProperty("pixels", out _));
            }
            var text = File.ReadAllText(html);
            foreach (var id in new[] { "provenance", "accuracy", "certificate", "horizon", "learning-curve", "examples", "robustness" })
                Assert.Contains($"<section id=\"{id}\">", text);
            Assert.DoesNotContain("http://", text.Replace("xmlns=\"http://www.w3.org/2000/svg\"", ""));

            var (c2, o2, e2) = CliRunner.Run("report", "--model", model, "--count", "20", "--out", Path.Combine(dir, "plain.html"));
            Assert.True(c2 == 0, e2);
            Assert.Contains("wrote", o2);
            var plain = File.ReadAllText(Path.Combine(dir, "plain.html"));
            Assert.DoesNotContain("<section id=\"learning-curve\">", plain);
            Assert.DoesNotContain("<section id=\"robustness\">", plain);

            var wrong = Path.Combine(dir, "wrong.json");
            File.WriteAllText(wrong, "{\"study\": \"horizon\", \"result\": {}}");
            foreach (var (args, expect) in new (string[], string)[]
            {
                (["report", "--model", Path.Combine(dir, "missing.safetensors"), "--out", html], "does not exist"),
                (["report", "--model", model, "--study", wrong, "--out", html], "wrong.json"),
                (["report", "--model", model, "--out", Path.Combine(dir, "no-such-dir", "r.html")], "does not exist"),
                (["report", "--model", model, "--out", dir], "is a directory"),
                (["report", "--model", model, "--checkpoint", model, "--out", html], "no training history"),
            })
            {
                var (c, _, e) = CliRunner.Run(args);
                Assert.Equal(1, c);
                Assert.Contains(expect, e);
                Assert.Single(e.Trim().Split('\n'));
                Assert.StartsWith("error:", e);
            }
            var (cu, _, eu) = CliRunner.Run("report", "--model", model);
            Assert.Equal(2, cu);
            Assert.Contains("--out", eu);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
