using System.Diagnostics;
using System.Runtime.CompilerServices;
using Basin.Crypto.Cryptanalysis;

namespace Basin.Crypto.SideChannel;

/// <summary>
/// The outcome of a timing-leakage test of one subject: Welch's t between the execution times of a fixed input class and
/// a random input class, on all measurements and on the measurements below each of several percentiles (the cropping of
/// dudect, which removes interrupts and other long-tail noise), and the largest |t|. |t| &gt; 4.5 is the usual threshold
/// for "leaks" (Reparaz, Balasch &amp; Verbauwhede, DATE 2017).
/// </summary>
/// <param name="Subject">Name of what was timed.</param>
/// <param name="Measurements">Measurements taken (both classes).</param>
/// <param name="MaxAbsT">Largest |t| over the raw and cropped tests.</param>
/// <param name="RawT">t on every measurement.</param>
/// <param name="MeanFixedNs">Mean time of the fixed class per call (ns).</param>
/// <param name="MeanRandomNs">Mean time of the random class per call (ns).</param>
public sealed record DudectResult(string Subject, long Measurements, double MaxAbsT, double RawT, double MeanFixedNs, double MeanRandomNs)
{
    /// <summary>The threshold of Reparaz et al.</summary>
    public const double Threshold = 4.5;

    /// <summary>Whether the test found a timing difference between the classes.</summary>
    public bool Leaks => MaxAbsT > Threshold;
}

/// <summary>
/// dudect (Reparaz, Balasch &amp; Verbauwhede 2017) for 64-bit-input functions: interleave calls on a fixed input and on
/// fresh random inputs in random order, time each (a few calls per measurement to rise above the timer's resolution),
/// and test the two timing distributions for equal means with Welch's t, raw and cropped at the percentiles
/// 1 − 0.5^(10(k+1)/100), k = 0…99. Inputs are prepared before the timer starts; nothing allocates inside the loop.
/// </summary>
public static class Dudect
{
    /// <summary>Tests <paramref name="subject"/> with <paramref name="measurements"/> measurements of <paramref name="callsPerMeasurement"/> calls each.</summary>
    public static DudectResult Run(string name, Func<ulong, ulong> subject, long measurements = 1_000_000, ulong fixedInput = 0,
        ulong seed = 1, int callsPerMeasurement = 4)
    {
        if (measurements < 1000) throw new ArgumentException("dudect needs at least 1 000 measurements.");
        var rng = new SampleStream(seed);
        ulong sink = 0;
        for (int i = 0; i < 20_000; i++) sink ^= subject(rng.Next());    // warm-up: tiered JIT, caches, frequency
        const int chunk = 1 << 16;
        var cls = new byte[chunk];
        var input = new ulong[chunk];
        var time = new long[chunk];
        var all = new List<(byte Class, long Ticks)>((int)Math.Min(measurements, 4_000_000));
        for (long done = 0; done < measurements; done += chunk)
        {
            int n = (int)Math.Min(chunk, measurements - done);
            for (int i = 0; i < n; i++)
            {
                cls[i] = (byte)(rng.Next() & 1);
                input[i] = cls[i] == 0 ? fixedInput : rng.Next();
            }
            for (int i = 0; i < n; i++)
            {
                ulong x = input[i];
                long t0 = Stopwatch.GetTimestamp();
                for (int c = 0; c < callsPerMeasurement; c++) sink ^= Call(subject, x);
                time[i] = Stopwatch.GetTimestamp() - t0;
            }
            for (int i = 0; i < n; i++) all.Add((cls[i], time[i]));
        }
        GC.KeepAlive(sink);
        var sorted = all.Select(a => a.Ticks).Order().ToArray();
        double raw = Welch(all, long.MaxValue, out var m0, out var m1);
        double max = Math.Abs(raw);
        for (int k = 0; k < 100; k++)
        {
            double q = 1 - Math.Pow(0.5, 10.0 * (k + 1) / 100);
            long cut = sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
            max = Math.Max(max, Math.Abs(Welch(all, cut, out _, out _)));
        }
        double ns = 1e9 / Stopwatch.Frequency / callsPerMeasurement;
        return new DudectResult(name, all.Count, max, raw, m0 * ns, m1 * ns);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Call(Func<ulong, ulong> f, ulong x) => f(x);

    /// <summary>Welch's t = (m₀ − m₁)/√(s₀²/n₀ + s₁²/n₁) over the measurements at most <paramref name="cut"/> ticks (Welford's running moments).</summary>
    public static double Welch(IReadOnlyList<(byte Class, long Ticks)> data, long cut, out double mean0, out double mean1)
    {
        Span<double> mean = stackalloc double[2], m2 = stackalloc double[2];
        Span<long> n = stackalloc long[2];
        mean.Clear(); m2.Clear(); n.Clear();
        foreach (var (c, t) in data)
        {
            if (t > cut) continue;
            n[c]++;
            double d = t - mean[c];
            mean[c] += d / n[c];
            m2[c] += d * (t - mean[c]);
        }
        mean0 = mean[0]; mean1 = mean[1];
        if (n[0] < 2 || n[1] < 2) return 0;
        double v0 = m2[0] / (n[0] - 1), v1 = m2[1] / (n[1] - 1);
        double se = Math.Sqrt(v0 / n[0] + v1 / n[1]);
        return se == 0 ? 0 : (mean[0] - mean[1]) / se;
    }
}
