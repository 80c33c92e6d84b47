using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Tensors.Blas;
using Spectre.Console;

namespace Basin.Cli.Commands;

/// <summary>
/// <c>basin bench gemm</c>: GFLOP/s of the managed GEMM and, when present, OpenBLAS, measured interleaved in the
/// same process, with their ratio and the share of the measured FMA peak.
/// </summary>
public static class BenchGemmCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var m = new Option<int>("--m") { Description = "Rows of C.", DefaultValueFactory = _ => 784 };
        var n = new Option<int>("--n") { Description = "Columns of C.", DefaultValueFactory = _ => 784 };
        var k = new Option<int>("--k") { Description = "Inner dimension.", DefaultValueFactory = _ => 256 };
        var threads = new Option<int>("--threads") { Description = "Threads per provider (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seconds = new Option<double>("--seconds") { Description = "Minimum timed seconds per measurement.", DefaultValueFactory = _ => 1.0 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds (best of).", DefaultValueFactory = _ => 3 };
        var dtype = new Option<string>("--dtype") { Description = "f32, f64 or both.", DefaultValueFactory = _ => "both" };
        dtype.AcceptOnlyFromAmong("f32", "f64", "both");
        var json = new Option<bool>("--json") { Description = "Print one JSON object with a results array." };
        var cmd = new Command("gemm", "GFLOP/s of the managed GEMM next to OpenBLAS (when libopenblas0 is installed), same run.")
            { m, n, k, threads, seconds, rounds, dtype, json };
        CommandAction.Set(cmd, (p, ct) => Run(p.GetValue(m), p.GetValue(n), p.GetValue(k), p.GetValue(threads),
            p.GetValue(seconds), p.GetValue(rounds), p.GetValue(dtype)!, p.GetValue(json)));
        return cmd;
    }

    private static int Run(int m, int n, int k, int threads, double seconds, int rounds, string dtype, bool json)
    {
        if (m <= 0 || n <= 0 || k <= 0) throw new ArgumentException($"GEMM sizes must be positive, got m={m}, n={n}, k={k}.");
        if (threads <= 0) throw new ArgumentException($"--threads must be positive, got {threads}.");
        if (!(seconds > 0) || rounds <= 0) throw new ArgumentException("--seconds and --rounds must be positive.");
        var providers = new List<IGemmProvider> { Blas.Managed };
        string? openBlasNote = null;
        if (Blas.OpenBlas is { } ob) providers.Add(ob);
        else openBlasNote = "OpenBLAS not found (Debian: apt-get install libopenblas0); only the managed GEMM was measured.";
        var precisions = dtype switch
        {
            "f32" => new[] { GemmPrecision.F32 },
            "f64" => new[] { GemmPrecision.F64 },
            _ => new[] { GemmPrecision.F32, GemmPrecision.F64 },
        };

        var best = new Dictionary<(string, GemmPrecision), GemmMeasurement>();
        FmaPeak? peak = null;
        void Measure(Action<string>? status)
        {
            for (int r = 0; r < rounds; r++)
            {
                status?.Invoke($"round {r + 1}/{rounds}: FMA peak");
                var pk = PeakEstimator.MeasureFmaPeak(threads, TimeSpan.FromSeconds(Math.Min(1, seconds)));
                if (peak is null || pk.Gflops > peak.Gflops) peak = pk;
                foreach (var prec in precisions)
                    foreach (var prov in providers)
                    {
                        status?.Invoke($"round {r + 1}/{rounds}: {prov.Name} {Name(prec)} {m}×{n}×{k}");
                        var meas = GemmBenchmark.Measure(prov, prec, m, n, k, TimeSpan.FromSeconds(seconds), threads);
                        var key = (prov.Name, prec);
                        if (!best.TryGetValue(key, out var old) || meas.BestGflops > old.BestGflops) best[key] = meas;
                    }
            }
        }
        if (json) Measure(null);
        else AnsiConsole.Status().Start("benchmarking", ctx => Measure(s => ctx.Status(s)));

        double peakF32 = peak!.Gflops, peakF64 = peak.Gflops / 2;
        var results = new JsonArray();
        foreach (var ((prov, prec), meas) in best.OrderBy(e => e.Key.Item2).ThenBy(e => e.Key.Item1))
        {
            double pk = prec == GemmPrecision.F32 ? peakF32 : peakF64;
            results.Add(new JsonObject
            {
                ["provider"] = prov, ["dtype"] = Name(prec), ["m"] = m, ["n"] = n, ["k"] = k, ["threads"] = meas.Threads,
                ["gflops"] = Math.Round(meas.BestGflops, 2), ["median_gflops"] = Math.Round(meas.MedianGflops, 2),
                ["share_of_peak"] = Math.Round(meas.BestGflops / pk, 4),
            });
        }
        var ratios = new JsonObject();
        foreach (var prec in precisions)
            if (best.TryGetValue(("managed", prec), out var mg) && best.TryGetValue(("openblas", prec), out var ob2))
                ratios[$"managed_over_openblas_{Name(prec)}"] = Math.Round(mg.BestGflops / ob2.BestGflops, 3);
        var doc = new JsonObject
        {
            ["benchmark"] = "gemm",
            ["threads"] = threads,
            ["processor_count"] = Environment.ProcessorCount,
            ["fma_peak_gflops_f32"] = Math.Round(peakF32, 1),
            ["fma_peak_gflops_f64"] = Math.Round(peakF64, 1),
            ["results"] = results,
            ["ratios"] = ratios,
        };
        if (openBlasNote != null) doc["note"] = openBlasNote;
        if (json)
        {
            Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        var table = new Table().AddColumns("provider", "dtype", "m×n×k", "threads", "GFLOP/s (best)", "median", "share of FMA peak");
        foreach (var r in results)
        {
            var o = r!.AsObject();
            table.AddRow(o["provider"]!.ToString(), o["dtype"]!.ToString(), $"{m}×{n}×{k}", o["threads"]!.ToString(),
                $"{(double)o["gflops"]!:F1}", $"{(double)o["median_gflops"]!:F1}", $"{(double)o["share_of_peak"]! * 100:F1} %");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Measured FMA peak on {threads} thread(s): [bold]{peakF32:F0}[/] GFLOP/s f32, {peakF64:F0} f64.");
        foreach (var (key, val) in ratios) AnsiConsole.MarkupLine($"{key}: [bold]{val}×[/]");
        if (openBlasNote != null) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(openBlasNote)}[/]");
        return 0;
    }

    private static string Name(GemmPrecision p) => p == GemmPrecision.F32 ? "f32" : "f64";
}
