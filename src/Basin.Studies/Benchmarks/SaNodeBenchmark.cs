using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors;
using Basin.Tensors.Statistics;

namespace Basin.Studies.Benchmarks;

/// <summary>Options of the SA-nODE training-step benchmark (<c>basin bench sanode</c>).</summary>
/// <param name="N">Nodes N (≥ 12).</param>
/// <param name="Batch">Batch size B.</param>
/// <param name="Steps">Euler steps S.</param>
/// <param name="Repeats">Timed steps per round (their median is the round's time).</param>
/// <param name="Rounds">Alternating Basin/PyTorch rounds (the speed-up is the median of the per-round ratios).</param>
/// <param name="Torch">Also time the PyTorch version (skipped when the interpreter is absent).</param>
/// <param name="OpenBlas">Also time Basin's step with the OpenBLAS GEMM provider.</param>
/// <param name="Python">Interpreter with torch.</param>
public sealed record SaNodeBenchmarkOptions(int N = 784, int Batch = 250, int Steps = 55, int Repeats = 6, int Rounds = 3,
    bool Torch = true, bool OpenBlas = true, string Python = "/usr/bin/python3")
{
    /// <summary>Rejects sizes the benchmark cannot run.</summary>
    public SaNodeBenchmarkOptions Validate() =>
        N < 12 || Batch < 1 || Steps < 1 || Repeats < 1 || Rounds < 1
            ? throw new ArgumentException("--n must be ≥ 12 and --batch, --steps, --repeats, --rounds ≥ 1.")
            : this;
}

/// <summary>
/// Wall time of one SA-nODE training step (coupling rebuild, B×N forward through S Euler steps, backward through them,
/// Adam) in float32, next to the same model in PyTorch (Debian's python3-torch, script <c>bench/torch/sanode_step.py</c>,
/// embedded) when present. FLOPs counted as 6·B·N²·S (forward GEMM, input VJP and ∂L/∂A per step) + 10·N³ (inverse, A,
/// and its backward) — the same formula the PyTorch script uses. PyTorch is timed twice per round: at its best
/// configuration (thread count and OpenBLAS kernels chosen in the first round), which the headline speed-up compares
/// against, and as this machine's environment runs it unchanged (torch's default threads, the inherited
/// <c>OPENBLAS_CORETYPE</c>), reported beside it. The result is one JSON document (keys of the spec's benchmark section).
/// </summary>
public static class SaNodeBenchmark
{
    /// <summary>Untimed steps before the first round.</summary>
    private const int WarmupSteps = 3;

    /// <summary>
    /// Runs the benchmark. <paramref name="runOnOpenBlas"/> times Basin's step with the OpenBLAS GEMM provider in a child
    /// process (given the options and the OpenBLAS core type; returns that run's JSON or a <c>skipped</c> object); null
    /// leaves that comparison out.
    /// </summary>
    public static JsonObject Run(SaNodeBenchmarkOptions o, Func<SaNodeBenchmarkOptions, string?, JsonObject?>? runOnOpenBlas = null)
    {
        int n = o.N, batch = o.Batch, steps = o.Steps, repeats = o.Repeats, rounds = o.Rounds;
        bool torch = o.Torch, openblas = o.OpenBlas && runOnOpenBlas != null;
        string python = o.Python;
        o.Validate();
        var config = new SaNodeConfig { N = n, K = 10 };
        var trainer = new SaNodeTrainer(new SaNodeModel<float>(config, new Rng(1)), new SaNodeTrainOptions { BatchSize = batch, Steps = steps });
        // Basin on the OpenBLAS provider runs in a child process (like PyTorch), which also finds out whether OpenBLAS is
        // installed: loaded in this process, OpenBLAS's idle threads would spin beside the managed GEMM's and slow it.
        bool onOpenBlas = openblas && Basin.Tensors.Blas.Blas.Default is not Basin.Tensors.Blas.OpenBlasGemm;
        string? obBlas = null;
        var rng = new Rng(2);
        var x0 = new float[batch * n]; rng.FillUniform<float>(x0, 0, 1);
        var y = new float[batch * n];
        var pats = trainer.Model.Patterns.ToArray();
        for (int i = 0; i < batch; i++) pats.AsSpan((i % 10) * n, n).CopyTo(y.AsSpan(i * n, n));
        var solver = new SolverOptions(ButcherTableau.Euler, 0.1, steps, Clip: 5);
        // Warm-up: the first steps allocate the trajectory and cotangent buffers (page faults) and give the per-step
        // methods without loops their 30 calls to the optimising JIT; timing starts at the steady state a training run sees.
        for (int w = 0; w < WarmupSteps; w++) trainer.Step(x0, y, batch, solver, 1e-3);
        trainer.Runner.Times.Reset();
        int exact0 = trainer.Model.ExactInversions;
        var obRounds = new List<double>();
        string? obSkipped = null;
        double flops = 6.0 * batch * (double)n * n * steps + 10.0 * n * (double)n * n;
        // Timings on a shared 2-core VM swing by tens of percent from minute to minute, so Basin and PyTorch are timed in
        // alternating rounds and the speed-up is the median of the per-round ratios (each ratio compares two runs a few
        // seconds apart), not the ratio of two runs made minutes apart.
        var basinRounds = new List<double>();
        var roundsJson = new JsonArray();
        var torchRuns = new JsonArray();
        var ratios = new List<double>();
        var torchRounds = new List<double>();
        JsonObject? torchBest = null;
        // PyTorch as the machine runs it: no OPENBLAS_CORETYPE or thread count of ours, one run per round.
        var asConfRounds = new List<double>();
        var asConfRatios = new List<double>();
        JsonObject? asConfLast = null;
        (int Threads, string? Core)? torchConfig = null;
        // OpenBLAS kernel choices to try for PyTorch: the environment's OPENBLAS_CORETYPE (if any) and the AVX-512 kernels
        // on CPUs that OpenBLAS 0.3.21 does not recognise; the yardstick is whichever runs PyTorch faster.
        var envCore = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } ec ? ec : null;
        var cores = new[] { envCore, Basin.Tensors.Blas.OpenBlasGemm.PreferredCoreType }.Where(c => c != null).Distinct().ToList();
        if (cores.Count == 0) cores.Add(null);
        // PyTorch's time for one round, or null when it is absent or skipped: the first round times every thread count and
        // OpenBLAS core type and later rounds its best one, since its intra-op threading is not always a win on this kind of
        // machine (its 2-thread step can be slower than its 1-thread step) and OpenBLAS's choice of kernels matters.
        double? TimeTorch(int round)
        {
            if (!torch || torchBest?["skipped"] is not null) return null;
            if (RunTorch(python, n, batch, steps, Math.Max(3, repeats / 2), 0, null, asConfigured: true) is { } ac)
            {
                ac["round"] = round;
                ac["as_configured"] = true;
                torchRuns.Add(ac);
                if (ac["skipped"] != null) { torchBest = ac; return null; }
                asConfLast = ac;
                asConfRounds.Add(ac["ms_per_batch"]!.GetValue<double>());
            }
            var configs = torchConfig is { } tc ? new List<(int, string?)> { tc }
                : Enumerable.Range(1, Environment.ProcessorCount).SelectMany(th => cores.Select(c => (th, c))).ToList();
            JsonObject? best = null;
            (int, string?) bestConfig = configs[0];
            foreach (var (th, core) in configs)
            {
                var t = RunTorch(python, n, batch, steps, Math.Max(3, repeats / 2), th, core);
                if (t is null) continue;
                t["round"] = round;
                torchRuns.Add(t);
                if (t["skipped"] != null) { best = t; break; }
                if (best?["ms_per_batch"] is not JsonValue bv || t["ms_per_batch"]!.GetValue<double>() < bv.GetValue<double>()) { best = t; bestConfig = (th, core); }
            }
            torchBest ??= best;
            if (best?["skipped"] != null) torchBest = best;
            if (best?["ms_per_batch"] is not JsonValue tv) return null;
            torchConfig ??= bestConfig;
            return tv.GetValue<double>();
        }
        for (int round = 0; round < rounds; round++)
        {
            // Odd rounds time PyTorch before Basin, so neither side always runs first after the other's load.
            bool torchFirst = round % 2 == 1;
            int asConfBefore = asConfRounds.Count;
            double? torchMs = torchFirst ? TimeTorch(round) : null;
            var times = new List<double>();
            for (int r = 0; r < repeats; r++)
            {
                var sw = Stopwatch.StartNew();
                trainer.Step(x0, y, batch, solver, 1e-3);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            double basinMs = Summary.Median(times);
            basinRounds.Add(basinMs);
            var roundJson = new JsonObject { ["basin_ms"] = Math.Round(basinMs, 2) };
            if (onOpenBlas && obSkipped is null)
            {
                var child = runOnOpenBlas!(o, torchConfig?.Core ?? Basin.Tensors.Blas.OpenBlasGemm.PreferredCoreType ?? envCore);
                if (child?["ms_per_batch"] is JsonValue cv)
                {
                    obBlas = child["blas"]?.ToString();
                    obRounds.Add(cv.GetValue<double>());
                    roundJson["basin_openblas_ms"] = Math.Round(obRounds[^1], 2);
                }
                else obSkipped = child?["skipped"]?.ToString() ?? "the child process printed no timing";
            }
            if (!torchFirst) torchMs = TimeTorch(round);
            if (asConfRounds.Count > asConfBefore)
            {
                double acMs = asConfRounds[^1];
                asConfRatios.Add(acMs / basinMs);
                roundJson["pytorch_as_configured_ms"] = Math.Round(acMs, 2);
                roundJson["speedup_as_configured"] = Math.Round(acMs / basinMs, 3);
            }
            if (torchMs is double tms)
            {
                torchRounds.Add(tms);
                ratios.Add(tms / basinMs);
                roundJson["pytorch_ms"] = Math.Round(tms, 2);
                roundJson["speedup"] = Math.Round(tms / basinMs, 3);
                roundJson["pytorch_first"] = torchFirst;
            }
            roundsJson.Add(roundJson);
        }
        int timedSteps = repeats * rounds;
        var ph = trainer.Runner.Times;
        var phases = new JsonObject
        {
            ["coupling"] = Math.Round(ph.Coupling / timedSteps, 2), ["forward"] = Math.Round(ph.Forward / timedSteps, 2),
            ["backward"] = Math.Round(ph.Backward / timedSteps, 2), ["parameter_gradient"] = Math.Round(ph.ParameterGradient / timedSteps, 2),
            ["coupling_backward"] = Math.Round(ph.CouplingBackward / timedSteps, 2), ["penalty"] = Math.Round(ph.Penalty / timedSteps, 2),
        };
        // Share of the timed steps whose Φ⁻¹ was an exact LU inversion rather than a Newton–Schulz refinement (the coupling
        // phase costs about 10 ms more then). Real training inverts exactly on every step too while lr ≥ 2·10⁻⁴ (the epoch line of
        // `basin sanode train` reports the share; Fashion-MNIST at lr 10⁻³ and 2·10⁻⁴: 100 %), so the exact path is the one timed.
        double exactShare = (trainer.Model.ExactInversions - exact0) / (double)timedSteps;
        double ms = Summary.Median(basinRounds);
        // The share of peak is taken against this machine's measured f32 FMA peak on all cores (a register-only FMA
        // loop, the same yardstick as `basin bench gemm`), not a constant: the AVX-512 and AVX2 machines this runs on
        // differ by a factor of five.
        var peak = Basin.Tensors.Blas.PeakEstimator.MeasureFmaPeak(Environment.ProcessorCount, TimeSpan.FromSeconds(1));
        double gflops = flops / (ms * 1e-3) / 1e9;
        var doc = new JsonObject
        {
            ["benchmark"] = "sanode", ["provider"] = "basin", ["blas"] = Basin.Tensors.Blas.Blas.Default.ToString(),
            ["ms_per_batch"] = Math.Round(ms, 2), ["gflops"] = Math.Round(gflops, 1),
            ["batch"] = batch, ["steps"] = steps, ["n"] = n, ["dtype"] = "f32", ["threads"] = Environment.ProcessorCount,
            ["fma_peak_gflops_f32"] = Math.Round(peak.Gflops, 1), ["vector_bits"] = peak.VectorBits,
            ["share_of_peak"] = Math.Round(gflops / peak.Gflops, 3),
            ["phases_ms"] = phases,
            ["exact_inversion_share"] = Math.Round(exactShare, 3),
            ["rounds"] = roundsJson,
        };
        if (torch)
        {
            // One run's JSON with the median over the rounds in place of its own time.
            JsonObject Condense(JsonObject run, List<double> msRounds)
            {
                var o = run.DeepClone().AsObject();
                o.Remove("round");
                o.Remove("as_configured");
                if (msRounds.Count == 0) return o;
                o["ms_per_batch"] = Math.Round(Summary.Median(msRounds), 2);
                o["gflops"] = Math.Round(flops / (Summary.Median(msRounds) * 1e-3) / 1e9, 1);
                return o;
            }
            doc["pytorch"] = torchBest is null ? null : Condense(torchBest, torchRounds);
            doc["pytorch_runs"] = torchRuns;
            if (ratios.Count > 0)
            {
                doc["speedup_vs_pytorch"] = Math.Round(Summary.Median(ratios), 2);
                doc["speedup_range"] = new JsonArray(Math.Round(ratios.Min(), 2), Math.Round(ratios.Max(), 2));
            }
            if (asConfLast != null && asConfRatios.Count > 0)
            {
                doc["pytorch_as_configured"] = Condense(asConfLast, asConfRounds);
                doc["speedup_vs_pytorch_as_configured"] = Math.Round(Summary.Median(asConfRatios), 2);
                doc["speedup_as_configured_range"] = new JsonArray(Math.Round(asConfRatios.Min(), 2), Math.Round(asConfRatios.Max(), 2));
            }
        }
        if (obSkipped != null) doc["basin_on_openblas"] = new JsonObject { ["skipped"] = obSkipped };
        else if (obRounds.Count > 0)
        {
            double obMs = Summary.Median(obRounds);
            var ob = new JsonObject
            {
                ["blas"] = obBlas, ["ms_per_batch"] = Math.Round(obMs, 2), ["gflops"] = Math.Round(flops / (obMs * 1e-3) / 1e9, 1),
            };
            if (torchRounds.Count == obRounds.Count)
                ob["speedup_vs_pytorch"] = Math.Round(Summary.Median(torchRounds.Select((t, i) => t / obRounds[i]).ToList()), 2);
            doc["basin_on_openblas"] = ob;
        }
        return doc;
    }

    /// <summary>
    /// Runs the PyTorch script once: with <paramref name="threads"/> intra-op threads (0: torch's default) and OpenBLAS core type
    /// <paramref name="core"/> (null: OpenBLAS's own detection), or with <paramref name="asConfigured"/> in this process's
    /// environment unchanged.
    /// </summary>
    public static JsonObject? RunTorch(string python, int n, int batch, int steps, int repeats, int threads, string? core, bool asConfigured = false)
    {
        if (!File.Exists(python)) return new JsonObject { ["skipped"] = $"{python} not found (Debian: apt-get install python3-torch)" };
        var script = Path.Combine(Path.GetTempPath(), $"basin-sanode-torch-{Environment.ProcessId}.py");
        using (var res = typeof(SaNodeBenchmark).Assembly.GetManifestResourceStream("Basin.Studies.sanode_step.py")
                         ?? throw new InvalidOperationException("The PyTorch benchmark script is not embedded in this build."))
        using (var f = File.Create(script)) res.CopyTo(f);
        try
        {
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            // Debian's PyTorch does its GEMMs in the system OpenBLAS, whose kernels OPENBLAS_CORETYPE chooses (null: its own
            // detection, which falls back to older kernels on CPUs that OpenBLAS 0.3.21 does not recognise).
            if (asConfigured) core = psi.Environment.TryGetValue("OPENBLAS_CORETYPE", out var inherited) && !string.IsNullOrEmpty(inherited) ? inherited : null;
            else if (core != null) psi.Environment["OPENBLAS_CORETYPE"] = core;
            else psi.Environment.Remove("OPENBLAS_CORETYPE");
            foreach (var a in new[] { script, "--n", $"{n}", "--batch", $"{batch}", "--steps", $"{steps}", "--threads", $"{threads}", "--repeats", $"{repeats}" })
                psi.ArgumentList.Add(a);
            using var proc = Process.Start(psi)!;
            var stdout = proc.StandardOutput.ReadToEnd();
            var stderr = proc.StandardError.ReadToEnd();
            proc.WaitForExit();
            var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            if (proc.ExitCode != 0 || line == null) return new JsonObject { ["skipped"] = $"PyTorch script failed (exit {proc.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}" };
            var result = JsonNode.Parse(line)?.AsObject();
            if (result != null) result["openblas_coretype"] = core ?? "auto";
            return result;
        }
        finally { File.Delete(script); }
    }
}

/// <summary>The benchmark's summary lines for a terminal or a log, from the document <see cref="SaNodeBenchmark.Run"/> returns.</summary>
public static class SaNodeBenchmarkReport
{
    /// <summary>One line per finding: Basin's time and share of peak, its phases, Basin on OpenBLAS, PyTorch at its best and as configured.</summary>
    public static IReadOnlyList<string> Lines(JsonObject doc)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var lines = new List<string>();
        double ms = (double)doc["ms_per_batch"]!, gflops = (double)doc["gflops"]!, peak = (double)doc["fma_peak_gflops_f32"]!;
        int rounds = doc["rounds"]!.AsArray().Count;
        lines.Add(string.Format(inv, "Basin: {0:F1} ms per training batch (N={1}, B={2}, {3} Euler steps, f32; median of {4} rounds) = {5:F0} GFLOP/s ({6:P0} of this machine's measured f32 FMA peak, {7:F0} GFLOP/s on {8} cores, {9}-bit)",
            ms, doc["n"], doc["batch"], doc["steps"], rounds, gflops, gflops / peak, peak, doc["threads"], doc["vector_bits"]));
        lines.Add("  phases (ms): " + string.Join(", ", doc["phases_ms"]!.AsObject().Select(kv => $"{kv.Key} {kv.Value}")) +
            string.Format(inv, "; Φ⁻¹ exact on {0:P0} of the steps, refined on the rest", (double)doc["exact_inversion_share"]!));
        if (doc["basin_on_openblas"] is JsonObject bo)
            lines.Add(bo["skipped"] is { } why ? $"Basin with the OpenBLAS GEMM provider: skipped ({why})"
                : $"Basin with the OpenBLAS GEMM provider: {bo["ms_per_batch"]} ms per batch" + (bo["speedup_vs_pytorch"] is { } so ? $" ({so}× PyTorch, same GEMM library)" : ""));
        if (doc["pytorch"] is JsonObject pt)
        {
            if (pt["ms_per_batch"] is JsonValue v && doc["speedup_range"] is JsonArray range)
                lines.Add(string.Format(inv, "PyTorch {0} ({1} intra-op thread(s), matrix products on {2} OpenBLAS thread(s), core type {3}): {4:F1} ms per batch → Basin is {5}× faster (median of per-round ratios; range {6}–{7})",
                    pt["torch"], pt["threads"], pt["blas_threads"]?.ToString() ?? "?", pt["openblas_coretype"], v.GetValue<double>(), doc["speedup_vs_pytorch"], range[0], range[1]));
            if (doc["pytorch_as_configured"] is JsonObject pa && doc["speedup_as_configured_range"] is JsonArray r2)
                lines.Add($"PyTorch as this machine's environment runs it ({pa["threads"]} intra-op thread(s), {pa["blas_threads"]?.ToString() ?? "?"} OpenBLAS thread(s), core type {pa["openblas_coretype"]}): {pa["ms_per_batch"]} ms per batch → {doc["speedup_vs_pytorch_as_configured"]}× (range {r2[0]}–{r2[1]})");
            if (pt["ms_per_batch"] is null) lines.Add($"PyTorch comparison skipped: {pt["skipped"]?.ToString() ?? "unknown"}");
        }
        return lines;
    }
}
