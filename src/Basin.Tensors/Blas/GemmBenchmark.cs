using System.Diagnostics;

namespace Basin.Tensors.Blas;

/// <summary>Element type of a measured GEMM.</summary>
public enum GemmPrecision
{
    /// <summary>Single precision (float).</summary>
    F32,
    /// <summary>Double precision (double).</summary>
    F64,
}

/// <summary>
/// One GEMM timing: rates are <c>2·m·n·k / seconds</c> in GFLOP/s over <see cref="Repetitions"/> timed calls
/// of <c>C ← op(A)·op(B)</c> (β = 0) after warm-up.
/// </summary>
public sealed record GemmMeasurement(
    string Provider, GemmPrecision Precision, int M, int N, int K, int Threads,
    double BestGflops, double MedianGflops, TimeSpan BestTime, int Repetitions)
{
    /// <summary>Floating-point operations of one call, 2·m·n·k.</summary>
    public double Flops => 2.0 * M * N * K;
}

/// <summary>Times GEMM providers, for <c>basin bench gemm</c> and the benchmark harness.</summary>
public static class GemmBenchmark
{
    /// <summary>
    /// Times <c>C ← op(A)·op(B)</c> (m×k by k×n, uniform operands in [−1, 1), β = 0) on <paramref name="provider"/>: three warm-up calls,
    /// then timed calls until <paramref name="minTime"/> has passed (at least 5). When <paramref name="threads"/> is given and the
    /// provider implements <see cref="IGemmThreading"/>, its thread limit is set for the measurement and restored after.
    /// </summary>
    public static GemmMeasurement Measure(IGemmProvider provider, GemmPrecision precision, int m, int n, int k,
        TimeSpan minTime, int? threads = null, bool transA = false, bool transB = false, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var threading = provider as IGemmThreading;
        int saved = threading?.MaxThreads ?? 0;
        if (threads is int t && threading is not null) threading.MaxThreads = t;
        try
        {
            var rng = new Random(seed);
            Action call;
            if (precision == GemmPrecision.F32)
            {
                float[] a = Fill<float>(m * k, rng), b = Fill<float>(k * n, rng), c = new float[m * n];
                call = () => provider.Gemm(transA, transB, m, n, k, 1f, a, transA ? m : k, b, transB ? k : n, 0f, c, n);
            }
            else
            {
                double[] a = Fill<double>(m * k, rng), b = Fill<double>(k * n, rng), c = new double[m * n];
                call = () => provider.Gemm(transA, transB, m, n, k, 1.0, a, transA ? m : k, b, transB ? k : n, 0.0, c, n);
            }
            for (int i = 0; i < 3; i++) call();

            var times = new List<long>();
            long start = Stopwatch.GetTimestamp();
            long limit = (long)(minTime.TotalSeconds * Stopwatch.Frequency);
            while (times.Count < 5 || Stopwatch.GetTimestamp() - start < limit)
            {
                long t0 = Stopwatch.GetTimestamp();
                call();
                times.Add(Stopwatch.GetTimestamp() - t0);
            }
            times.Sort();
            double flops = 2.0 * m * n * k;
            double best = Math.Max(times[0], 1) / (double)Stopwatch.Frequency;
            double median = Math.Max(times[times.Count / 2], 1) / (double)Stopwatch.Frequency;
            return new GemmMeasurement(provider.ToString() ?? provider.Name, precision, m, n, k,
                threading?.MaxThreads ?? 0, flops / best / 1e9, flops / median / 1e9, TimeSpan.FromSeconds(best), times.Count);
        }
        finally
        {
            if (threading is not null && threading.MaxThreads != saved) threading.MaxThreads = saved;
        }
    }

    private static T[] Fill<T>(int length, Random rng) where T : System.Numerics.IFloatingPoint<T>
    {
        var x = new T[length];
        for (int i = 0; i < x.Length; i++) x[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        return x;
    }
}
