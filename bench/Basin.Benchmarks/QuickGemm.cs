using System.Globalization;
using Basin.Tensors.Blas;

namespace Basin.Benchmarks;

/// <summary>
/// Fast interleaved timing without BenchmarkDotNet: <c>--quick [m n k] [rounds] [ms] [nn|tn|nt|tt] [f32,f64]</c>. For each round it measures every
/// provider × precision × thread count back to back, so ratios within a round share the machine's momentary load.
/// The managed provider is timed twice, as is and with op(B) packed once (<see cref="PrepackedManagedGemm"/>).
/// Environment: <c>QUICK_NOPEAK</c> skips the FMA peak measurement, <c>QUICK_KERNELS</c> adds the managed AVX2 and scalar levels.
/// </summary>
internal static class QuickGemm
{
    public static void Run(string[] args)
    {
        int m = Arg(args, 0, 784), n = Arg(args, 1, 784), k = Arg(args, 2, 256);
        int rounds = Arg(args, 3, 3), ms = Arg(args, 4, 400);
        string trans = args.Length > 5 ? args[5] : "nn";
        bool transA = trans[0] == 't', transB = trans[1] == 't';
        string[] precs = args.Length > 6 ? args[6].Split(',') : ["f32", "f64"];
        var providers = new List<IGemmProvider> { Blas.Managed, new PrepackedManagedGemm() };
        if (Blas.OpenBlas is { } o) providers.Add(o);
        if (Environment.GetEnvironmentVariable("QUICK_KERNELS") is not null)
            providers.AddRange(new[] { GemmKernel.Avx2, GemmKernel.Scalar }.Where(ManagedGemm.IsSupported).Select(k => new ManagedGemm(k)));
        Console.WriteLine($"GEMM {m}×{n}×{k} ({trans}), {rounds} rounds, {ms} ms each; providers: {string.Join(", ", providers)}");
        if (Environment.GetEnvironmentVariable("QUICK_NOPEAK") is null)
        Console.WriteLine($"FMA peak: 1 thread {PeakEstimator.MeasureFmaPeak(1).Gflops:F0} GFLOP/s, " +
                          $"{Environment.ProcessorCount} threads {PeakEstimator.MeasureFmaPeak(Environment.ProcessorCount).Gflops:F0} GFLOP/s");
        for (int r = 0; r < rounds; r++)
        {
            foreach (var prec in precs.Select(x => x == "f32" ? GemmPrecision.F32 : GemmPrecision.F64))
                foreach (int threads in new[] { 1, Environment.ProcessorCount }.Distinct())
                {
                    var line = new List<string>();
                    double? first = null;
                    foreach (var p in providers)
                    {
                        var res = GemmBenchmark.Measure(p, prec, m, n, k, TimeSpan.FromMilliseconds(ms), threads, transA, transB);
                        first ??= res.MedianGflops;
                        line.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{Label(p),-15} best {res.BestGflops,6:F1} med {res.MedianGflops,6:F1}"));
                    }
                    Console.WriteLine($"r{r} {prec} t{threads}: " + string.Join(" | ", line));
                }
        }
    }

    private static string Label(IGemmProvider p) => p is ManagedGemm g ? $"managed/{g.Kernel}" : p is PrepackedManagedGemm ? "prepacked" : p.Name;

    private static int Arg(string[] args, int i, int fallback) =>
        args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
}
