using System.Text.Json;

namespace Basin.Cli.Tests.Commands;

[Collection("cli")]
public class BenchAndDataCommandTests
{
    [Fact]
    public void Bench_sanode_alternates_which_side_runs_first_and_reports_per_round_ratios()
    {
        if (OperatingSystem.IsWindows()) return;   // the stand-in interpreter is a shell script
        // A stand-in for python3 that answers like bench/torch/sanode_step.py (800 ms per batch) and logs its calls.
        var dir = Directory.CreateTempSubdirectory("basin-bench-torch-");
        try
        {
            string log = Path.Combine(dir.FullName, "calls.log"), fake = Path.Combine(dir.FullName, "python3");
            File.WriteAllText(fake, "#!/bin/sh\necho \"call ${OPENBLAS_CORETYPE:-auto} $*\" >> '" + log + "'\n" +
                "echo '{\"provider\": \"pytorch\", \"threads\": 1, \"ms_per_batch\": 800.0}'\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var (code, output, err) = CliRunner.Run("bench", "sanode", "--n", "64", "--batch", "8", "--steps", "3", "--repeats", "2",
                "--rounds", "3", "--openblas", "false", "--python", fake, "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            var rounds = doc.RootElement.GetProperty("rounds").EnumerateArray().ToArray();
            Assert.Equal(new[] { false, true, false }, rounds.Select(r => r.GetProperty("pytorch_first").GetBoolean()));
            // basin_ms is rounded to 0.01 ms and the speed-up to 0.001: the recomputed ratio may differ by those roundings.
            foreach (var r in rounds)
            {
                double basinMs = r.GetProperty("basin_ms").GetDouble(), speedup = r.GetProperty("speedup").GetDouble();
                Assert.Equal(800.0 / basinMs, speedup, speedup * 0.0051 / basinMs + 0.0006);
                Assert.Equal(speedup, r.GetProperty("speedup_as_configured").GetDouble());
            }
            Assert.Equal(800.0, doc.RootElement.GetProperty("pytorch_as_configured").GetProperty("ms_per_batch").GetDouble());
            Assert.True(doc.RootElement.TryGetProperty("speedup_vs_pytorch_as_configured", out _));
            // The first round tries every thread count with every OpenBLAS core type (the environment's and, on AVX-512 CPUs,
            // SkylakeX), later rounds only the best (here: the first tried, all being equal).
            var cores = new[] { Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } e ? e : null,
                Basin.Tensors.Blas.OpenBlasGemm.PreferredCoreType }.Where(c => c != null).Distinct().Select(c => c!).ToList();
            if (cores.Count == 0) cores.Add("auto");
            // Each round also runs PyTorch once as the environment configures it (torch's default threads: --threads 0, and
            // the inherited OPENBLAS_CORETYPE), before the best-configuration runs.
            var all = File.ReadAllLines(log);
            int p = Environment.ProcessorCount * cores.Count;
            Assert.Equal(p + 2 + 3, all.Length);
            int[] asConfiguredAt = [0, p + 1, p + 3];
            string envCore = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } ev ? ev : "auto";
            Assert.All(asConfiguredAt, i => { Assert.StartsWith($"call {envCore} ", all[i]); Assert.Contains("--threads 0", all[i]); });
            // The best-configuration calls as "core threads".
            var calls = all.Where((_, i) => !asConfiguredAt.Contains(i))
                .Select(c => c.Split(' ')[1] + " " + c.Split("--threads ")[1].Split(' ')[0]).ToArray();
            Assert.DoesNotContain(calls, c => c.EndsWith(" 0"));
            Assert.Equal(cores.OrderBy(c => c), calls.Take(p).Select(c => c.Split(' ')[0]).Distinct().OrderBy(c => c));
            Assert.Equal(calls[0], calls[^1]);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Bench_sanode_json_has_the_spec_keys_and_a_measured_peak()
    {
        var (code, output, err) = CliRunner.Run("bench", "sanode", "--n", "100", "--batch", "16", "--steps", "5", "--repeats", "2", "--torch", "false", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal(100, r.GetProperty("n").GetInt32());
        Assert.Equal(16, r.GetProperty("batch").GetInt32());
        Assert.Equal(5, r.GetProperty("steps").GetInt32());
        Assert.Equal("f32", r.GetProperty("dtype").GetString());
        double ms = r.GetProperty("ms_per_batch").GetDouble(), gflops = r.GetProperty("gflops").GetDouble();
        double peak = r.GetProperty("fma_peak_gflops_f32").GetDouble(), share = r.GetProperty("share_of_peak").GetDouble();
        // gflops is rounded to 0.1 in the output, so it can read 0 on a loaded machine; check it against the time instead.
        double flops = 6.0 * 16 * 100 * 100 * 5 + 10.0 * 100 * 100 * 100;
        Assert.True(ms > 0 && peak > 0);
        // ms_per_batch is itself rounded to 0.01 ms, a relative error of up to 0.005/ms in the recomputed rate.
        Assert.Equal(flops / (ms * 1e6), gflops, 0.051 + gflops * 0.0051 / ms);
        Assert.Equal(gflops / peak, share, 0.0015 + 0.05 / peak);
        Assert.False(r.TryGetProperty("speedup_vs_pytorch", out _));
        var rounds = r.GetProperty("rounds").EnumerateArray().Select(e => e.GetProperty("basin_ms").GetDouble()).OrderBy(x => x).ToArray();
        Assert.Equal(3, rounds.Length);                 // the default: three rounds, the reported time their median
        Assert.Equal(rounds[1], ms, 0.011);
        Assert.Contains("managed", r.GetProperty("blas").GetString());
        double exact = r.GetProperty("exact_inversion_share").GetDouble();
        Assert.InRange(exact, 0.0, 1.0);
        Assert.Equal(Math.Round(exact * 6), exact * 6, 0.01);   // a count out of 3 rounds × 2 steps
    }

    [Fact]
    public void Data_augment_writes_a_preview_and_refuses_bad_recipes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "basin-augment-" + Guid.NewGuid().ToString("N"));
        try
        {
            var prefix = Path.Combine(dir, "preview");
            var (code, output, err) = CliRunner.Run("data", "augment", "--dataset", "letters", "--augment", "shift=1,elastic=3,sigma=1",
                "--count", "5", "--draws", "2", "--out", prefix);
            Assert.True(code == 0, err);
            Assert.Contains(prefix + ".png", output);
            var png = File.ReadAllBytes(prefix + ".png");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Contains("<svg", File.ReadAllText(prefix + ".svg"));

            var (bad, _, badErr) = CliRunner.Run("data", "augment", "--dataset", "letters", "--augment", "sigma=2", "--out", prefix);
            Assert.NotEqual(0, bad);
            Assert.Contains("--augment", badErr);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
