using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;
using Spectre.Console;

namespace Basin.Cli.Commands;

/// <summary>
/// <c>basin bench sanode</c>: wall time of one SA-nODE training step (coupling rebuild, B×N forward through S Euler
/// steps, backward through them, Adam) in float32, next to the same model in PyTorch (Debian's python3-torch) when present.
/// FLOPs counted as 6·B·N²·S (forward GEMM, input VJP and ∂L/∂A per step) + 10·N³ (inverse, A, and its backward) — the
/// same formula the PyTorch script uses.
/// </summary>
public static class BenchSaNodeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var n = new Option<int>("--n") { Description = "Nodes N.", DefaultValueFactory = _ => 784 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 250 };
        var steps = new Option<int>("--steps") { Description = "Euler steps.", DefaultValueFactory = _ => 55 };
        var repeats = new Option<int>("--repeats") { Description = "Timed steps (median reported).", DefaultValueFactory = _ => 8 };
        var torch = new Option<bool>("--torch") { Description = "Also time the PyTorch version (skipped when python3-torch is absent).", DefaultValueFactory = _ => true };
        var python = new Option<string>("--python") { Description = "Interpreter with torch.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var json = CommonOptions.Json();
        var cmd = new Command("sanode", "Time one SA-nODE training step (float32) and compare with PyTorch in the same run.") { n, batch, steps, repeats, torch, python, json };
        CommandAction.Set(cmd, (p, _) => Run(p.GetValue(n), p.GetValue(batch), p.GetValue(steps), p.GetValue(repeats), p.GetValue(torch), p.GetValue(python)!, p.GetValue(json)));
        return cmd;
    }

    private static int Run(int n, int batch, int steps, int repeats, bool torch, string python, bool json)
    {
        if (n < 12 || batch < 1 || steps < 1 || repeats < 1) throw new ArgumentException("--n must be ≥ 12 and --batch, --steps, --repeats ≥ 1.");
        var config = new SaNodeConfig { N = n, K = 10 };
        var trainer = new SaNodeTrainer(new SaNodeModel<float>(config, new Rng(1)), new SaNodeTrainOptions { BatchSize = batch, Steps = steps });
        var rng = new Rng(2);
        var x0 = new float[batch * n]; rng.FillUniform<float>(x0, 0, 1);
        var y = new float[batch * n];
        var pats = trainer.Model.Patterns.ToArray();
        for (int i = 0; i < batch; i++) pats.AsSpan((i % 10) * n, n).CopyTo(y.AsSpan(i * n, n));
        var solver = new SolverOptions(ButcherTableau.Euler, 0.1, steps, Clip: 5);
        trainer.Step(x0, y, batch, solver, 1e-3);
        trainer.Runner.Times.Reset();
        var times = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            trainer.Step(x0, y, batch, solver, 1e-3);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var ph = trainer.Runner.Times;
        var phases = new JsonObject
        {
            ["coupling"] = Math.Round(ph.Coupling / repeats, 2), ["forward"] = Math.Round(ph.Forward / repeats, 2),
            ["backward"] = Math.Round(ph.Backward / repeats, 2), ["parameter_gradient"] = Math.Round(ph.ParameterGradient / repeats, 2),
            ["coupling_backward"] = Math.Round(ph.CouplingBackward / repeats, 2), ["penalty"] = Math.Round(ph.Penalty / repeats, 2),
        };
        times.Sort();
        double ms = times[times.Count / 2];
        // The share of peak is taken against this machine's measured f32 FMA peak on all cores (a register-only FMA
        // loop, the same yardstick as `basin bench gemm`), not a constant: the AVX-512 and AVX2 machines this runs on
        // differ by a factor of five.
        var peak = Basin.Tensors.Blas.PeakEstimator.MeasureFmaPeak(Environment.ProcessorCount, TimeSpan.FromSeconds(1));
        double flops = 6.0 * batch * (double)n * n * steps + 10.0 * n * (double)n * n;
        double gflops = flops / (ms * 1e-3) / 1e9;
        var doc = new JsonObject
        {
            ["benchmark"] = "sanode", ["provider"] = "basin", ["ms_per_batch"] = Math.Round(ms, 2), ["gflops"] = Math.Round(gflops, 1),
            ["batch"] = batch, ["steps"] = steps, ["n"] = n, ["dtype"] = "f32", ["threads"] = Environment.ProcessorCount,
            ["fma_peak_gflops_f32"] = Math.Round(peak.Gflops, 1), ["vector_bits"] = peak.VectorBits,
            ["share_of_peak"] = Math.Round(gflops / peak.Gflops, 3),
            ["phases_ms"] = phases,
        };
        if (torch)
        {
            // PyTorch's intra-op threading is not always a win on this kind of machine (its 2-thread step can be slower than
            // its 1-thread step), so time every thread count up to the core count and compare against its best.
            var runs = new JsonArray();
            JsonObject? best = null;
            for (int th = 1; th <= Environment.ProcessorCount; th++)
            {
                var t = RunTorch(python, n, batch, steps, Math.Max(3, repeats / 2), th);
                runs.Add(t);
                if (t?["ms_per_batch"] is JsonValue v && (best?["ms_per_batch"] is not JsonValue bv || v.GetValue<double>() < bv.GetValue<double>()))
                    best = t;
                if (t?["skipped"] != null) break;
            }
            doc["pytorch"] = best?.DeepClone() ?? runs.LastOrDefault()?.DeepClone();
            doc["pytorch_runs"] = runs;
            if (best?["ms_per_batch"] is JsonValue tv) doc["speedup_vs_pytorch"] = Math.Round(tv.GetValue<double>() / ms, 2);
        }
        if (json) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
        AnsiConsole.MarkupLine($"Basin: [bold]{ms:F1} ms[/] per training batch (N={n}, B={batch}, {steps} Euler steps, f32) = {gflops:F0} GFLOP/s ({gflops / peak.Gflops:P0} of this machine's measured f32 FMA peak, {peak.Gflops:F0} GFLOP/s on {Environment.ProcessorCount} cores, {peak.VectorBits}-bit)");
        AnsiConsole.MarkupLine("  phases (ms): " + Markup.Escape(string.Join(", ", phases.Select(kv => $"{kv.Key} {kv.Value}"))));
        if (doc["pytorch"] is JsonObject pt)
        {
            if (pt["ms_per_batch"] is JsonValue v) AnsiConsole.MarkupLine($"PyTorch {pt["torch"]} (best of 1…{Environment.ProcessorCount} threads: {pt["threads"]}): {v.GetValue<double>():F1} ms per batch → Basin is [bold]{doc["speedup_vs_pytorch"]}×[/] faster");
            else AnsiConsole.MarkupLine($"[yellow]PyTorch comparison skipped: {Markup.Escape(pt["skipped"]?.ToString() ?? "unknown")}[/]");
        }
        return 0;
    }

    private static JsonObject? RunTorch(string python, int n, int batch, int steps, int repeats, int threads)
    {
        if (!File.Exists(python)) return new JsonObject { ["skipped"] = $"{python} not found (Debian: apt-get install python3-torch)" };
        var script = Path.Combine(Path.GetTempPath(), $"basin-sanode-torch-{Environment.ProcessId}.py");
        using (var res = typeof(BenchSaNodeCommand).Assembly.GetManifestResourceStream("Basin.Cli.sanode_step.py")
                         ?? throw new InvalidOperationException("The PyTorch benchmark script is not embedded in this build."))
        using (var f = File.Create(script)) res.CopyTo(f);
        try
        {
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            // Debian's PyTorch does its GEMMs in the system OpenBLAS; give it the same kernel choice as Basin's OpenBLAS
            // provider (AVX-512 kernels on CPUs that OpenBLAS 0.3.21 does not recognise), so the yardstick is its best.
            string? core = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } user ? null : Basin.Tensors.Blas.OpenBlasGemm.PreferredCoreType;
            if (core != null) psi.Environment["OPENBLAS_CORETYPE"] = core;
            foreach (var a in new[] { script, "--n", $"{n}", "--batch", $"{batch}", "--steps", $"{steps}", "--threads", $"{threads}", "--repeats", $"{repeats}" })
                psi.ArgumentList.Add(a);
            using var proc = Process.Start(psi)!;
            var stdout = proc.StandardOutput.ReadToEnd();
            var stderr = proc.StandardError.ReadToEnd();
            proc.WaitForExit();
            var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            if (proc.ExitCode != 0 || line == null) return new JsonObject { ["skipped"] = $"PyTorch script failed (exit {proc.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}" };
            var result = JsonNode.Parse(line)?.AsObject();
            if (result != null) result["openblas_coretype"] = core ?? Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "auto";
            return result;
        }
        finally { File.Delete(script); }
    }
}
