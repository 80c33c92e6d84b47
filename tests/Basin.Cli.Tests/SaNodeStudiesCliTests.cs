using System.Text.Json;

namespace Basin.Cli.Tests;

[Collection("cli")]
public class SaNodeStudiesCliTests
{
    [Fact]
    public void HorizonStudyWritesItsFiguresAndRefusesBadTimes()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"basin-horizon-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var model = Path.Combine(dir, "letters.safetensors");
            var (code, _, err) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--epochs", "4", "--batch", "50", "--lr", "0.01",
                "--eval-count", "0", "--out", model);
            Assert.True(code == 0, err);
            var outDir = Path.Combine(dir, "hz");
            var (c1, o1, e1) = CliRunner.Run("sanode", "study", "horizon", "--model", model, "--dataset", "letters", "--times", "1,5.5,20",
                "--out", outDir);
            Assert.True(c1 == 0, e1);
            Assert.Contains("right → wrong later", o1);
            foreach (var f in new[] { "horizon.svg", "horizon.png", "horizon.csv", "summary.json" })
                Assert.True(File.Exists(Path.Combine(outDir, f)), f);
            Assert.Equal(1 + 3, File.ReadAllLines(Path.Combine(outDir, "horizon.csv")).Length);
            using (var d = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))))
            {
                Assert.Equal(20, d.RootElement.GetProperty("final_time").GetDouble(), 9);
                Assert.InRange(d.RootElement.GetProperty("final_accuracy").GetDouble(), 0, 1);
            }
            var (c2, _, e2) = CliRunner.Run("sanode", "study", "horizon", "--model", model, "--dataset", "letters", "--times", "1,-2", "--out", outDir);
            Assert.Equal(1, c2);
            Assert.Contains("--times", e2);

            // Adaptive read-outs (per-image dopri5 steps) agree with the fixed-step study and report their cost.
            var (ca, oa, ea) = CliRunner.Run("sanode", "study", "horizon", "--model", model, "--dataset", "letters", "--times", "1,5.5,20",
                "--solver", "dopri5", "--rtol", "1e-6", "--atol", "1e-8", "--out", Path.Combine(dir, "hz-adaptive"), "--json");
            Assert.True(ca == 0, ea);
            var (cf, of, ef) = CliRunner.Run("sanode", "study", "horizon", "--model", model, "--dataset", "letters", "--times", "1,5.5,20",
                "--solver", "rk4", "--dt", "0.01", "--out", Path.Combine(dir, "hz-fine"), "--json");
            Assert.True(cf == 0, ef);
            using (var a = JsonDocument.Parse(oa))
            using (var f = JsonDocument.Parse(of))
            {
                Assert.Equal(1e-6, a.RootElement.GetProperty("rtol").GetDouble());
                Assert.True(a.RootElement.GetProperty("row_evaluations").GetInt64() > 0);
                var ma = a.RootElement.GetProperty("result").GetProperty("mse").EnumerateArray().Select(x => x.GetDouble()).ToArray();
                var mf = f.RootElement.GetProperty("result").GetProperty("mse").EnumerateArray().Select(x => x.GetDouble()).ToArray();
                Assert.Equal(3, ma.Length);
                for (int i = 0; i < 3; i++) Assert.Equal(mf[i], ma[i], 4);
            }
            var (cb, _, eb) = CliRunner.Run("sanode", "study", "horizon", "--model", model, "--dataset", "letters", "--times", "1,5",
                "--solver", "euler", "--rtol", "1e-6", "--out", Path.Combine(dir, "hz-bad"));
            Assert.Equal(1, cb);
            Assert.Contains("embedded pair", eb);

            // Every adjoint against the exact discrete one; the implicit adjoint at the attractor matches the long discrete one.
            var (cj, oj, ej) = CliRunner.Run("sanode", "study", "adjoints", "--model", model, "--dataset", "letters", "--count", "40",
                "--batch", "20", "--long-horizon", "30", "--json");
            Assert.True(cj == 0, ej);
            using (var d = JsonDocument.Parse(oj))
            {
                var rows = d.RootElement.GetProperty("rows").EnumerateArray()
                    .ToDictionary(r => r.GetProperty("method").GetString() + "@" + r.GetProperty("reference").GetString());
                Assert.Equal(1, rows["discrete@T=5.5"].GetProperty("cosine").GetDouble(), 9);
                Assert.True(rows["backsolve-rk4@T=5.5"].GetProperty("cosine").GetDouble() > 0.99);
                Assert.True(rows["implicit@T=30"].GetProperty("relative_l2").GetDouble() < 1e-4);
                Assert.True(d.RootElement.GetProperty("implicit_residual").GetDouble() < 1e-6);
            }
            var (ck, _, ek) = CliRunner.Run("sanode", "study", "adjoints", "--model", model, "--dataset", "letters", "--count", "0");
            Assert.Equal(1, ck);
            Assert.Contains("Count", ek);

            var gradDir = Path.Combine(dir, "grad");
            var (c3, o3, e3) = CliRunner.Run("sanode", "study", "gradient", "--model", model, "--dataset", "letters", "--steps", "10,55",
                "--batch", "20", "--out", gradDir);
            Assert.True(c3 == 0, e3);
            Assert.Contains("held out, float64", o3);
            foreach (var f in new[] { "gradient.svg", "gradient.png", "gradient-linearity.csv", "gradient-transfer.csv", "summary.json" })
                Assert.True(File.Exists(Path.Combine(gradDir, f)), f);
            Assert.Equal(1 + 2 * 5, File.ReadAllLines(Path.Combine(gradDir, "gradient-linearity.csv")).Length);
            Assert.Equal(1 + 2 * 2 * 3, File.ReadAllLines(Path.Combine(gradDir, "gradient-transfer.csv")).Length);
            using (var d = JsonDocument.Parse(File.ReadAllText(Path.Combine(gradDir, "summary.json"))))
                Assert.All(d.RootElement.GetProperty("horizons").EnumerateArray(), h => Assert.True(h.GetProperty("largest_linear_epsilon").GetDouble() >= 1e-5));
            var (c4, _, e4) = CliRunner.Run("sanode", "study", "gradient", "--model", model, "--dataset", "letters", "--steps", "1.5", "--out", gradDir);
            Assert.Equal(1, c4);
            Assert.Contains("--steps", e4);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void InvertStabilityAndClassifyOnALettersModel()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"basin-studies-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var model = Path.Combine(dir, "letters.safetensors");
            var (code, _, err) = CliRunner.Run("sanode", "train", "--dataset", "letters", "--epochs", "8", "--batch", "50", "--lr", "0.01",
                "--eval-count", "0", "--out", model);
            Assert.True(code == 0, err);

            var inv = Path.Combine(dir, "invert");
            var (ci, oi, ei) = CliRunner.Run("sanode", "invert", "--model", model, "--dataset", "letters", "--index", "2", "--t-inv", "1",
                "--dt", "1e-3", "--out", inv, "--json");
            Assert.True(ci == 0, ei);
            using (var d = JsonDocument.Parse(oi))
            {
                Assert.True(d.RootElement.GetProperty("median_mse").GetDouble() < 1e-12);
                Assert.Equal(2, d.RootElement.GetProperty("nearest_attractor_at_t_inv").GetInt32());
            }
            foreach (var f in new[] { "inversion-pixels.png", "inversion-pixels.svg", "inversion-trajectory.png", "inversion-recovery.png", "inversion-pixels.csv" })
                Assert.True(File.Exists(Path.Combine(inv, f)), f);
            Assert.Equal(1 + 49, File.ReadAllLines(Path.Combine(inv, "inversion-pixels.csv")).Length);
            var (ca, oa, ea) = CliRunner.Run("sanode", "invert", "--model", model, "--dataset", "letters", "--index", "2", "--t-inv", "1",
                "--solver", "tsit5", "--rtol", "1e-10", "--atol", "1e-12", "--out", inv, "--json");
            Assert.True(ca == 0, ea);
            using (var d = JsonDocument.Parse(oa))
            {
                Assert.True(d.RootElement.GetProperty("median_mse").GetDouble() < 1e-12);
                Assert.Equal(1e-10, d.RootElement.GetProperty("rtol").GetDouble());
                Assert.True(d.RootElement.GetProperty("steps_taken").GetInt64() > 0);
            }

            var (cw, ow, ew) = CliRunner.Run("sanode", "invert", "--model", model, "--dataset", "letters", "--sweep", "--t-invs", "0.5,1",
                "--dts", "0.1,0.01", "--solver", "euler", "--out", inv, "--json");
            Assert.True(cw == 0, ew);
            using (var d = JsonDocument.Parse(ow))
            {
                var rows = d.RootElement.GetProperty("results").EnumerateArray()
                    .Select(r => (T: r.GetProperty("t_inv").GetDouble(), Dt: r.GetProperty("dt").GetDouble(), Mse: r.GetProperty("median_mse").GetDouble())).ToList();
                Assert.Equal(4, rows.Count);
                foreach (var t in new[] { 0.5, 1.0 })
                    Assert.True(rows.Single(r => r.T == t && r.Dt == 0.01).Mse < rows.Single(r => r.T == t && r.Dt == 0.1).Mse, $"Euler inversion error must shrink with Δt at T_inv = {t}");
            }
            Assert.True(File.Exists(Path.Combine(inv, "inversion-sweep.png")));
            Assert.Equal(1 + 4, File.ReadAllLines(Path.Combine(inv, "inversion-sweep.csv")).Length);
            var (cb, _, eb) = CliRunner.Run("sanode", "invert", "--model", model, "--dataset", "letters", "--sweep", "--dts", "0.1,-1", "--out", inv);
            Assert.Equal(1, cb);
            Assert.Contains("--dts", eb);

            var prefix = Path.Combine(dir, "cert");
            var (cs, os, es) = CliRunner.Run("sanode", "stability", "--model", model, "--out", prefix, "--json");
            Assert.True(cs == 0, es);
            using (var d = JsonDocument.Parse(os))
            {
                var r = d.RootElement;
                Assert.True(r.GetProperty("all_attractors_stable").GetBoolean());
                Assert.True(r.GetProperty("max_lambda_effective").GetDouble() < r.GetProperty("bound").GetDouble());
                Assert.True(r.GetProperty("max_real_jacobian_eigenvalue").GetDouble() < 0);
                Assert.True(r.GetProperty("settling_time").GetDouble() > 0);
            }
            foreach (var f in new[] { "-eigenvalues.png", "-eigenvalues.svg", "-eigenvalues.csv", "-spectrum.png" })
                Assert.True(File.Exists(prefix + f), f);
            var series = File.ReadAllLines(prefix + "-eigenvalues.csv").Skip(1).Select(l => l.Split(',')[0]).Distinct().ToList();
            Assert.Equal(2, series.Count);

            var (cc, oc, ec) = CliRunner.Run("sanode", "classify", "--model", model, "--dataset", "letters", "--index", "3", "--steps", "300", "--json");
            Assert.True(cc == 0, ec);
            using (var d = JsonDocument.Parse(oc))
            {
                Assert.Equal(3, d.RootElement.GetProperty("class").GetInt32());
                Assert.Equal(5, d.RootElement.GetProperty("overlaps").GetArrayLength());
                Assert.True(d.RootElement.GetProperty("overlap").GetDouble() > 0.99);
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
