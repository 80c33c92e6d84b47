using System.Text.Json;

namespace Basin.Cli.Tests;

[Collection("cli")]
public class CliAppTests
{
    [Fact]
    public void InfoJsonNamesTheGemmProvider()
    {
        var (code, output, _) = CliRunner.Run("info", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("managed", doc.RootElement.GetProperty("gemm_provider").GetString());
    }

    [Fact]
    public void UnknownOptionIsAUsageError()
    {
        var (code, _, err) = CliRunner.Run("info", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", err);
    }

    [Fact]
    public void MissingModelFileIsAClearError()
    {
        var (code, _, err) = CliRunner.Run("sanode", "eval", "--model", "/nonexistent/model.safetensors", "--dataset", "letters");
        Assert.Equal(1, code);
        Assert.StartsWith("error:", err.Trim());
        Assert.Contains("does not exist", err);
    }

    [Fact]
    public void CorruptModelFileIsAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"basin-corrupt-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, new byte[] { 1, 2, 3, 4, 5 });
        try
        {
            var (code, _, err) = CliRunner.Run("sanode", "eval", "--model", path, "--dataset", "letters");
            Assert.Equal(1, code);
            Assert.StartsWith("error:", err.Trim());
            Assert.DoesNotContain("   at ", err);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ModelWithNaNWeightsIsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"basin-nan-{Guid.NewGuid():N}.safetensors");
        var model = new Basin.SaNode.SaNodeModel<float>(new Basin.SaNode.SaNodeConfig { N = 49, K = 5 }, new Basin.Tensors.Rng(1));
        model.Lambda.Span[3] = float.NaN;
        Basin.SaNode.SaNodeFile.Save(path, model);
        try
        {
            var (code, _, err) = CliRunner.Run("sanode", "eval", "--model", path, "--dataset", "letters");
            Assert.Equal(1, code);
            Assert.StartsWith("error:", err.Trim());
            Assert.Contains("NaN", err, StringComparison.OrdinalIgnoreCase);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void BenchGemmJsonHasTheResultsArray()
    {
        var (code, output, _) = CliRunner.Run("bench", "gemm", "--m", "64", "--n", "48", "--k", "32", "--seconds", "0.02", "--rounds", "1", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("provider").GetString() == "managed" && r.GetProperty("dtype").GetString() == "f32");
        Assert.Contains(results, r => r.GetProperty("dtype").GetString() == "f64");
        foreach (var r in results)
        {
            Assert.Equal(64, r.GetProperty("m").GetInt32());
            Assert.Equal(48, r.GetProperty("n").GetInt32());
            Assert.Equal(32, r.GetProperty("k").GetInt32());
            Assert.True(r.GetProperty("gflops").GetDouble() > 0);
        }
    }

    [Fact]
    public void TrainThenEvalLettersEndToEnd()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"basin-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var model = Path.Combine(dir, "letters.safetensors");
            var (code, _, err) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--epochs", "8", "--batch", "50", "--lr", "0.01",
                "--eval-count", "0", "--out", model);
            Assert.True(code == 0, err);
            Assert.True(File.Exists(model + ".ckpt"));
            // Every epoch line reports the share of optimiser steps that inverted Φ exactly; the first step of a run always does.
            var shares = System.Text.RegularExpressions.Regex.Matches(err, @"Φ⁻¹ exact on (\d+) % of the steps");
            Assert.Equal(8, shares.Count);
            Assert.True(int.Parse(shares[0].Groups[1].Value) > 0, err);
            Assert.All(shares, s => Assert.InRange(int.Parse(s.Groups[1].Value), 0, 100));
            var (c2, output, err2) = CliRunner.Run("sanode", "eval", "--model", model, "--dataset", "letters", "--steps", "300", "--json");
            Assert.True(c2 == 0, err2);
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            Assert.Equal(500, root.GetProperty("count").GetInt32());
            Assert.Equal(1.0, root.GetProperty("accuracy").GetDouble());
            Assert.Equal(500, root.GetProperty("perfect").GetInt32());
            Assert.True(root.GetProperty("overlap").GetDouble() > 0.99);
            Assert.Equal(1.0, root.GetProperty("nearest_accuracy").GetDouble());
            Assert.Equal(300, root.GetProperty("steps_taken").GetInt64());
            var (ca, oa, ea) = CliRunner.Run("sanode", "eval", "--model", model, "--dataset", "letters", "--steps", "300", "--solver", "dopri5",
                "--rtol", "1e-6", "--atol", "1e-8", "--json");
            Assert.True(ca == 0, ea);
            using (var ad = JsonDocument.Parse(oa))
            {
                var a = ad.RootElement;
                Assert.Equal(1.0, a.GetProperty("accuracy").GetDouble());
                Assert.Equal(("dopri5", 1e-6, 1e-8), (a.GetProperty("solver").GetString(), a.GetProperty("rtol").GetDouble(), a.GetProperty("atol").GetDouble()));
                Assert.True(a.GetProperty("steps_taken").GetInt64() > 0 && a.GetProperty("rejected_steps").GetInt64() >= 0 && a.GetProperty("evaluations").GetInt64() > 0);
            }
            var (cm, _, em) = CliRunner.Run("sanode", "eval", "--model", model, "--dataset", "letters", "--steps", "300", "--solver", "dopri5",
                "--rtol", "1e-6", "--atol", "1e-8", "--max-steps", "3");
            Assert.Equal(1, cm);
            Assert.Contains("MaxSteps = 3", em);
            var (c3, _, err3) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--epochs", "9", "--batch", "50", "--lr", "0.01",
                "--eval-count", "0", "--out", model, "--resume");
            Assert.True(c3 == 0, err3);
            Assert.Contains("resuming", err3);
            foreach (int index in new[] { 0, 1, 2, 3, 4, 7 })
            {
                var (cc, co, ce) = CliRunner.Run("sanode", "classify", "--model", model, "--dataset", "letters", "--index", $"{index}", "--steps", "300", "--json");
                Assert.True(cc == 0, ce);
                using var cd = JsonDocument.Parse(co);
                Assert.Equal(cd.RootElement.GetProperty("label").GetInt32(), cd.RootElement.GetProperty("class").GetInt32());
                Assert.True(cd.RootElement.GetProperty("converged").GetBoolean());
            }
            var pgm = Path.Combine(dir, "e.pgm");
            var glyph = Basin.Data.Letters.Pattern(4);
            File.WriteAllText(pgm, "P2\n7 7\n255\n" + string.Join(' ', glyph.Select(v => ((int)(v * 255)).ToString())));
            var (cp, po, pe) = CliRunner.Run("sanode", "classify", "--model", model, "--image", pgm, "--steps", "300", "--json");
            Assert.True(cp == 0, pe);
            using (var pd = JsonDocument.Parse(po)) Assert.Equal(4, pd.RootElement.GetProperty("class").GetInt32());
            var (cb, _, be) = CliRunner.Run("sanode", "classify", "--model", model, "--image", pgm, "--dataset", "letters");
            Assert.Equal(1, cb);
            Assert.Contains("exactly one", be);
            var (cs, so, se) = CliRunner.Run("stability", "--model", model, "--dataset", "letters", "--lipschitz-count", "2", "--time", "8", "--json");
            Assert.True(cs == 0, se);
            using (var sd = JsonDocument.Parse(so))
            {
                Assert.True(sd.RootElement.GetProperty("largest_lyapunov_exponent").GetDouble() < 0);
                Assert.True(sd.RootElement.GetProperty("max_relative_error").GetDouble() < 0.05);
                Assert.True(sd.RootElement.GetProperty("attractors_stable").GetBoolean());
            }
            var curve = Path.Combine(dir, "curve");
            var (c4, _, err4) = CliRunner.Run("sanode", "history", model + ".ckpt", "--out", curve);
            Assert.True(c4 == 0, err4);
            Assert.True(File.Exists(curve + ".png") && File.Exists(curve + ".svg"));
            Assert.Equal(1 + 9, File.ReadAllLines(curve + ".csv").Length);
            var (c5, _, err5) = CliRunner.Run("sanode", "history", model);
            Assert.Equal(1, c5);
            Assert.Contains("no training history", err5);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void StudiesWriteTheirFiguresAndFindTheExpectedShapes()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"basin-study-{Guid.NewGuid():N}");
        try
        {
            var (code, _, err) = CliRunner.Run("sanode", "study", "letters", "--quick", "--out", dir);
            Assert.True(code == 0, err);
            foreach (var name in new[] { "fig3-overlap-vs-noise", "fig4-mse-trajectory", "fig4-mse-histogram", "fig5-eigen-perturbation",
                         "fig6-fraction-vs-train-noise", "fig7-input-output-target", "eigenvalues-before-after" })
                Assert.True(File.Exists(Path.Combine(dir, name + ".png")) && File.Exists(Path.Combine(dir, name + ".svg")), name);
            var fig3 = File.ReadAllLines(Path.Combine(dir, "fig3-overlap-vs-noise.csv")).Skip(1).Select(l => l.Split(','))
                .Where(c => c[0] == "0").Select(c => double.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(5, fig3.Length);
            for (int j = 1; j < fig3.Length; j++) Assert.True(fig3[j] <= fig3[j - 1] + 0.01, string.Join(", ", fig3));
            Assert.Equal(1 + 2, File.ReadAllLines(Path.Combine(dir, "stability.csv")).Length);
            using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))))
                foreach (var m in doc.RootElement.GetProperty("models").EnumerateArray())
                {
                    Assert.Equal(1.0, m.GetProperty("accuracy_at_zero").GetDouble());
                    Assert.True(m.GetProperty("monotone_within_0_01").GetBoolean());
                    Assert.True(m.GetProperty("all_attractors_stable").GetBoolean());
                    Assert.True(m.GetProperty("max_lambda_eff_over_bound").GetDouble() < 1);
                    Assert.InRange(m.GetProperty("eigen_fraction_f").GetDouble(), 0, 1);
                }
            var (c2, out2, e2) = CliRunner.Run("sanode", "study", "rk4", "--out", dir, "--count", "20");
            Assert.True(c2 == 0, e2);
            var csv = File.ReadAllLines(Path.Combine(dir, "fig8-convergence.csv")).Skip(1).Select(l => l.Split(',').Select(double.Parse).ToArray()).ToArray();
            double[] dts = csv.Select(r => r[0]).ToArray(), rk4 = csv.Select(r => r[1]).ToArray(), euler = csv.Select(r => r[2]).ToArray();
            Assert.InRange(Basin.SaNode.Studies.ConvergenceStudy.Slope(dts[2..], rk4[2..]), 3.6, 4.6);
            Assert.InRange(Basin.SaNode.Studies.ConvergenceStudy.Slope(dts[2..], euler[2..]), 0.8, 1.3);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void BaselineAndAttacksEndToEnd()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"basin-attack-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var mlp = Path.Combine(dir, "mlp.safetensors");
            var (c0, o0, e0) = CliRunner.Run("baseline", "train", "--kind", "mlp", "--dataset", "letters", "--hidden", "32", "--epochs", "15", "--lr", "3e-3", "--out", mlp);
            Assert.True(c0 == 0, e0);
            Assert.Contains("test accuracy", o0);
            double? previous = null;
            foreach (var attack in new[] { "fgsm", "pgd-linf" })
            {
                var (c1, o1, e1) = CliRunner.Run("attack", "--model", mlp, "--dataset", "letters", "--attack", attack, "--eps", "0.3", "--count", "30", "--json");
                Assert.True(c1 == 0, e1);
                using var d = JsonDocument.Parse(o1);
                var r = d.RootElement;
                Assert.Equal(30, r.GetProperty("count").GetInt32());
                double robust = r.GetProperty("robust_accuracy").GetDouble();
                Assert.InRange(robust, 0, r.GetProperty("clean_accuracy").GetDouble());
                Assert.False(r.GetProperty("masking_suspected").GetBoolean());
                if (previous is double f) Assert.True(robust <= f, $"PGD robust accuracy {robust} above FGSM's {f}");
                previous = robust;
            }
            var (ca, oa, ea) = CliRunner.Run("attack", "--model", mlp, "--dataset", "letters", "--attack", "autoattack-linf", "--eps", "0.3", "--count", "30",
                "--queries", "100", "--json");
            Assert.True(ca == 0, ea);
            using (var da = JsonDocument.Parse(oa))
            {
                var r = da.RootElement;
                int fooled = (int)Math.Round(30 * (r.GetProperty("clean_accuracy").GetDouble() - r.GetProperty("robust_accuracy").GetDouble()));
                var wins = r.GetProperty("wins").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                Assert.Equal(["apgd-ce-linf", "apgd-t-linf", "fab-t-linf", "square-linf"], wins.Keys.Order());
                Assert.Equal(fooled, wins.Values.Sum());
            }
            var study = Path.Combine(dir, "aos");
            var (cs, _, es) = CliRunner.Run("study", "accurate-or-stable", "--model", mlp, "--dataset", "letters", "--count", "10", "--eps", "0.1,0.3",
                "--l2-eps", "0.5,2", "--square-queries", "50", "--hsj-iterations", "5", "--out", study);
            Assert.True(cs == 0, es);
            Assert.Equal(1 + 1, File.ReadAllLines(Path.Combine(study, "accurate-or-stable.csv")).Length);
            Assert.True(File.Exists(Path.Combine(study, "robust-linf.png")) && File.Exists(Path.Combine(study, "robust-l2.svg")));
            Assert.True(File.Exists(Path.Combine(study, "gradient-norms.png")));
            var (c2, o2, e2) = CliRunner.Run("attack", "--model", mlp, "--dataset", "letters", "--attack", "deepfool", "--count", "10", "--json");
            Assert.True(c2 == 0, e2);
            using (var d2 = JsonDocument.Parse(o2)) Assert.True(d2.RootElement.GetProperty("median_distance").GetDouble() > 0);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void DemoWritesItsPicture()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"basin-demo-{Guid.NewGuid():N}");
        try
        {
            var (code, _, err) = CliRunner.Run("demo", "--out", dir, "--epochs", "20");
            Assert.True(code == 0, err);
            var png = File.ReadAllBytes(Path.Combine(dir, "letters-input-attractor.png"));
            Assert.Equal(0x89, png[0]);
            Assert.True(File.Exists(Path.Combine(dir, "letters-input-attractor.svg")));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
