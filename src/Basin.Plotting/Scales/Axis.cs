namespace Basin.Plotting;

/// <summary>
/// One axis of a panel: data bounds, linear or log₁₀ mapping onto a pixel interval, and labelled ticks.
/// </summary>
internal sealed class Axis
{
    private double _start;
    private double _end;

    private Axis(double min, double max, bool log, (double Value, string Label)[] ticks, double[] minor)
    {
        Min = min;
        Max = max;
        IsLog = log;
        Ticks = ticks;
        MinorTicks = minor;
    }

    public double Min { get; }

    public double Max { get; }

    public bool IsLog { get; }

    public (double Value, string Label)[] Ticks { get; }

    public double[] MinorTicks { get; }

    /// <summary>
    /// A numeric axis over the data range [dataMin, dataMax] (NaN when there is no data), optionally forced to include
    /// zero, widened to nice ticks unless limits are fixed, with a margin of <paramref name="pad"/> × span beyond the data.
    /// </summary>
    public static Axis Numeric(double dataMin, double dataMax, bool log, double? fixedMin, double? fixedMax, double pad, bool includeZero, int maxTicks)
    {
        double lo = dataMin, hi = dataMax;
        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            (lo, hi) = log ? (1, 10) : (0, 1);
        }

        // Fixed limits replace the data's, unless they leave an empty range (or are ≤ 0 on a log axis).
        double flo = fixedMin is double fmin && double.IsFinite(fmin) && (!log || fmin > 0) ? fmin : lo;
        double fhi = fixedMax is double fmax && double.IsFinite(fmax) && (!log || fmax > 0) ? fmax : hi;
        if (fhi > flo) (lo, hi) = (flo, fhi);

        if (includeZero && !log)
        {
            lo = Math.Min(lo, 0);
            hi = Math.Max(hi, 0);
        }

        TickSet set = log ? NiceTicks.Log(lo, hi, maxTicks) : NiceTicks.Linear(lo, hi, maxTicks);
        double min = fixedMin is not null && lo == fixedMin ? lo : set.Min;
        double max = fixedMax is not null && hi == fixedMax ? hi : set.Max;
        if (pad > 0 && hi > lo)
        {
            // Matplotlib-style margins: keep the nice ticks, but let the frame clear the data by a fraction of its span
            // (without crossing zero when the data stay on one side of it).
            if (log)
            {
                double f = Math.Pow(hi / lo, pad);
                min = fixedMin is null ? Math.Min(min, lo / f) : min;
                max = fixedMax is null ? Math.Max(max, hi * f) : max;
            }
            else
            {
                double d = (hi - lo) * pad;
                min = fixedMin is null ? Math.Min(min, lo >= 0 ? Math.Max(0, lo - d) : lo - d) : min;
                max = fixedMax is null ? Math.Max(max, hi <= 0 ? Math.Min(0, hi + d) : hi + d) : max;
            }
        }

        double tolerance = (max - min) * 1e-9;
        var ticks = set.Major.Where(t => t >= min - tolerance && t <= max + tolerance)
            .Select(t => (t, log ? TickFormatter.FormatLog(t) : TickFormatter.Format(t, set.Step))).ToArray();
        double[] minor = set.Minor.Where(t => t > min && t < max).ToArray();
        return new Axis(min, max, log, ticks, minor);
    }

    /// <summary>A linear axis with given bounds and explicit labelled ticks (categories, cell indices).</summary>
    public static Axis Custom(double min, double max, (double Value, string Label)[] ticks) => new(min, max, false, ticks, []);

    /// <summary>Sets the pixel positions of <see cref="Min"/> and <see cref="Max"/> (start may exceed end).</summary>
    public void SetPixels(double start, double end)
    {
        _start = start;
        _end = end;
    }

    /// <summary>Whether the value can be shown on this axis (finite, and positive on a log axis).</summary>
    public bool Accepts(double v) => double.IsFinite(v) && (!IsLog || v > 0);

    /// <summary>The pixel coordinate of <paramref name="v"/>.</summary>
    public double Map(double v)
    {
        double t = IsLog
            ? (Math.Log10(v) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
            : (v - Min) / (Max - Min);
        return _start + (t * (_end - _start));
    }

    /// <summary>The pixel coordinate of a value clamped into the axis range (bars and fills).</summary>
    public double MapClamped(double v) => Map(IsLog ? Math.Clamp(v <= 0 ? Min : v, Min, Max) : Math.Clamp(v, Min, Max));
}
