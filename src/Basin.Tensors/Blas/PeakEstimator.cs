using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Basin.Tensors.Blas;

/// <summary>Measured fused multiply-add throughput: <c>Gflops</c> over all threads, <c>PerThreadGflops</c> the mean per thread.</summary>
public sealed record FmaPeak(int Threads, int VectorBits, double Gflops, double PerThreadGflops);

/// <summary>
/// Estimates the machine's single-precision peak by measurement rather than from clock and unit counts (which a VM hides):
/// each thread runs a register-only loop of independent fused multiply-adds on the widest vectors available
/// (16 chains, enough to cover FMA latency × throughput), counting 2 flops per lane per FMA. Each thread reports its best
/// of about 20 consecutive windows, so a moment of outside load lowers the estimate less than an average would.
/// </summary>
public static class PeakEstimator
{
    private const int Chains = 16;

    /// <summary>
    /// Runs the FMA loop on <paramref name="threads"/> threads at once for about <paramref name="duration"/> (default 200 ms)
    /// and returns the sum of the threads' best window rates.
    /// </summary>
    public static FmaPeak MeasureFmaPeak(int threads, TimeSpan? duration = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        long ticks = (long)((duration ?? TimeSpan.FromMilliseconds(200)).TotalSeconds * Stopwatch.Frequency);
        int bits = Avx512F.IsSupported ? 512 : Fma.IsSupported ? 256 : 128;
        var rates = new double[threads];
        using var ready = new Barrier(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                ready.SignalAndWait();
                rates[id] = Run(ticks);
            }) { IsBackground = true };
            workers[t].Start();
        }
        foreach (var w in workers) w.Join();
        double total = rates.Sum();
        return new FmaPeak(threads, bits, total, total / threads);

        double Run(long limit)
        {
            Loop(64); // warm-up / JIT
            const int Batch = 1 << 14;
            double flopsPerIteration = Chains * 2.0 * bits / 32;
            long window = Math.Max(limit / 20, Stopwatch.Frequency / 1000);
            double best = 0;
            long start = Stopwatch.GetTimestamp(), now;
            do
            {
                long iterations = 0, w0 = Stopwatch.GetTimestamp(), elapsed;
                do
                {
                    Loop(Batch);
                    iterations += Batch;
                    elapsed = Stopwatch.GetTimestamp() - w0;
                } while (elapsed < window);
                best = Math.Max(best, iterations * flopsPerIteration / (elapsed / (double)Stopwatch.Frequency) / 1e9);
                now = Stopwatch.GetTimestamp();
            } while (now - start < limit);
            return best;
        }

        void Loop(int n)
        {
            if (bits == 512) Sink(Fma512(n));
            else if (bits == 256) Sink(Fma256(n));
            else Sink(Fma128(n));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Sink(float x) => GC.KeepAlive(x);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma512(int n)
    {
        var m = Vector512.Create(0.999999f);
        var s = Vector512.Create(1e-7f);
        Vector512<float> x0 = Vector512.Create(1f), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0;
        Vector512<float> x8 = x0, x9 = x0, x10 = x0, x11 = x0, x12 = x0, x13 = x0, x14 = x0, x15 = x0;
        for (int i = 0; i < n; i++)
        {
            x0 = Avx512F.FusedMultiplyAdd(x0, m, s); x1 = Avx512F.FusedMultiplyAdd(x1, m, s);
            x2 = Avx512F.FusedMultiplyAdd(x2, m, s); x3 = Avx512F.FusedMultiplyAdd(x3, m, s);
            x4 = Avx512F.FusedMultiplyAdd(x4, m, s); x5 = Avx512F.FusedMultiplyAdd(x5, m, s);
            x6 = Avx512F.FusedMultiplyAdd(x6, m, s); x7 = Avx512F.FusedMultiplyAdd(x7, m, s);
            x8 = Avx512F.FusedMultiplyAdd(x8, m, s); x9 = Avx512F.FusedMultiplyAdd(x9, m, s);
            x10 = Avx512F.FusedMultiplyAdd(x10, m, s); x11 = Avx512F.FusedMultiplyAdd(x11, m, s);
            x12 = Avx512F.FusedMultiplyAdd(x12, m, s); x13 = Avx512F.FusedMultiplyAdd(x13, m, s);
            x14 = Avx512F.FusedMultiplyAdd(x14, m, s); x15 = Avx512F.FusedMultiplyAdd(x15, m, s);
        }
        return Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma256(int n)
    {
        var m = Vector256.Create(0.999999f);
        var s = Vector256.Create(1e-7f);
        Vector256<float> x0 = Vector256.Create(1f), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0;
        Vector256<float> x8 = x0, x9 = x0, x10 = x0, x11 = x0, x12 = x0, x13 = x0, x14 = x0;
        for (int i = 0; i < n; i++)
        {
            x0 = Fma.MultiplyAdd(x0, m, s); x1 = Fma.MultiplyAdd(x1, m, s);
            x2 = Fma.MultiplyAdd(x2, m, s); x3 = Fma.MultiplyAdd(x3, m, s);
            x4 = Fma.MultiplyAdd(x4, m, s); x5 = Fma.MultiplyAdd(x5, m, s);
            x6 = Fma.MultiplyAdd(x6, m, s); x7 = Fma.MultiplyAdd(x7, m, s);
            x8 = Fma.MultiplyAdd(x8, m, s); x9 = Fma.MultiplyAdd(x9, m, s);
            x10 = Fma.MultiplyAdd(x10, m, s); x11 = Fma.MultiplyAdd(x11, m, s);
            x12 = Fma.MultiplyAdd(x12, m, s); x13 = Fma.MultiplyAdd(x13, m, s);
            x14 = Fma.MultiplyAdd(x14, m, s); x0 = Fma.MultiplyAdd(x0, m, s);
        }
        return Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma128(int n)
    {
        var m = Vector128.Create(0.999999f);
        var s = Vector128.Create(1e-7f);
        Vector128<float> x0 = Vector128.Create(1f), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0;
        for (int i = 0; i < n; i++)
        {
            x0 = x0 * m + s; x1 = x1 * m + s; x2 = x2 * m + s; x3 = x3 * m + s;
            x4 = x4 * m + s; x5 = x5 * m + s; x6 = x6 * m + s; x7 = x7 * m + s;
            x0 = x0 * m + s; x1 = x1 * m + s; x2 = x2 * m + s; x3 = x3 * m + s;
            x4 = x4 * m + s; x5 = x5 * m + s; x6 = x6 * m + s; x7 = x7 * m + s;
        }
        return Vector128.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7);
    }
}
