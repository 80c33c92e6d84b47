using System.Text.Json.Nodes;
using Basin.Tensors.Blas;

namespace Basin.Studies.Benchmarks;

/// <summary>Options of <c>basin bench gemm</c>.</summary>
/// <param name="M">Rows of C.</param>
/// <param name="N">Columns of C.</param>
/// <param name="K">Inner dimension.</param>
/// <param name="Threads">Threads per provider.</param>
/// <param name="Seconds">Minimum timed seconds per measurement.</param>
/// <param name="Rounds">Interleaved rounds (best of).</param>
/// <param name="Dtype">f32, f64 or both.</param>
public sealed record GemmComparisonOptions(int M = 784, int N = 784, int K = 256, int Threads = 0, double Seconds = 1.0, int Rounds = 3, string Dtype = "both");

/// <summary>
/// GFLOP/s of the managed GEMM and, when present, OpenBLAS, measured interleaved in the same process
/// (<see cref="GemmBenchmark.Measure"/>, best of the rounds), with their ratio and the share of the measured FMA peak
/// (<see cref="PeakEstimator.MeasureFmaPeak"/>; f64 peak = half the f32 one). The result is one JSON document with a
/// <c>results</c> array (provider, dtype, sizes, threads, gflops, median_gflops, share_of_peak) and <c>ratios</c>.
/// </summary>
public static class GemmComparison
{
    /// <summary>Runs the comparison; <paramref name="status"/> hears what is being measured.</summary>
    public static JsonObject Run(GemmComparisonOptions o, Action<string>? status = null)
    {
        int m = o.M, n = o.N, k = o.K, threads = o.Threads, rounds = o.Rounds;
        double seconds = o.Seconds;
        string dtype = o.Dtype;
        if (m <= 0 || n <= 0 || k <= 0) throw new ArgumentException($"GEMM sizes must be positive, got m={m}, n={n}, k={k}.");
        if (threads == 0) threads = Environment.ProcessorCount;
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
        void Measure(Action<string>? report)
        {
            for (int r = 0; r < rounds; r++)
            {
                report?.Invoke($"round {r + 1}/{rounds}: FMA peak");
                var pk = PeakEstimator.MeasureFmaPeak(threads, TimeSpan.FromSeconds(Math.Min(1, seconds)));
                if (peak is null || pk.Gflops > peak.Gflops) peak = pk;
                foreach (var prec in precisions)
                    foreach (var prov in providers)
                    {
                        report?.Invoke($"round {r + 1}/{rounds}: {prov.Name} {Name(prec)} {m}×{n}×{k}");
                        var meas = GemmBenchmark.Measure(prov, prec, m, n, k, TimeSpan.FromSeconds(seconds), threads);
                        var key = (prov.Name, prec);
                        if (!best.TryGetValue(key, out var old) || meas.BestGflops > old.BestGflops) best[key] = meas;
                    }
            }
        }
        Measure(status);

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
        return doc;
    }

    private static string Name(GemmPrecision p) => p == GemmPrecision.F32 ? "f32" : "f64";
}
