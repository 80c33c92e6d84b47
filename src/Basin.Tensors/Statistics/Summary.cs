namespace Basin.Tensors.Statistics;

/// <summary>
/// Order statistics shared by every study and benchmark: one definition of the median (the mean of the two middle values
/// for an even count), of quantiles (linear interpolation between order statistics, Hyndman &amp; Fan type 7, as NumPy's
/// default) and of the percentile-bootstrap interval of the median (Efron &amp; Tibshirani 1993, ch. 13).
/// </summary>
public static class Summary
{
    /// <summary>Median of <paramref name="values"/>; NaN when empty. The input is not modified.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return double.NaN;
        var s = values.ToArray();
        Array.Sort(s);
        return SortedMedian(s);
    }

    /// <summary>Median of <paramref name="values"/>; NaN when empty.</summary>
    public static double Median(IEnumerable<double> values) => Median(values.ToArray().AsSpan());

    /// <summary>Quantile q ∈ [0, 1] by linear interpolation: with sorted x and h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).</summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile must lie in [0, 1].");
        if (values.Length == 0) return double.NaN;
        var s = values.ToArray();
        Array.Sort(s);
        double h = (s.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        return lo + 1 < s.Length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
    }

    /// <summary>Arithmetic mean; NaN when empty.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return double.NaN;
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>
    /// The median and its percentile-bootstrap interval: <paramref name="resamples"/> resamples of n values drawn with
    /// replacement (seeded), the interval's ends the (1 − level)/2 and (1 + level)/2 order statistics of the resampled
    /// medians. NaNs for an empty input. Deterministic for a given seed.
    /// </summary>
    public static (double Median, double Low, double High) MedianWithBootstrapCi(IReadOnlyList<double> values, ulong seed,
        int resamples = 1000, double level = 0.95)
    {
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "At least one resample.");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "The level must lie in (0, 1).");
        if (values.Count == 0) return (double.NaN, double.NaN, double.NaN);
        var rng = new Rng(seed);
        var medians = new double[resamples];
        var buf = new double[values.Count];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < buf.Length; i++) buf[i] = values[rng.NextInt(values.Count)];
            Array.Sort(buf);
            medians[r] = SortedMedian(buf);
        }
        Array.Sort(medians);
        int lo = (int)Math.Floor((1 - level) / 2 * resamples), hi = Math.Min(resamples - 1, (int)Math.Ceiling((1 + level) / 2 * resamples) - 1);
        var all = values.ToArray();
        Array.Sort(all);
        return (SortedMedian(all), medians[lo], medians[hi]);
    }

    private static double SortedMedian(double[] s) =>
        s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
}
