namespace Basin.Plotting;

/// <summary>
/// Axis ticks at "nice numbers" (1, 2 or 5 × 10^k), after P. S. Heckbert, "Nice Numbers for Graph Labels",
/// Graphics Gems I (1990): the range is rounded to a nice number, the step to a nice fraction of it, and
/// the axis is widened to whole steps ("loose" labelling). Log axes get ticks at powers of ten.
/// </summary>
public static class NiceTicks
{
    /// <summary>
    /// A nice number near <paramref name="x"/> &gt; 0: with <paramref name="round"/> the nearest of 1, 2, 5, 10 × 10^k;
    /// otherwise the smallest such number ≥ x.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not positive and finite.</exception>
    public static double NiceNumber(double x, bool round)
    {
        if (!(x > 0) || !double.IsFinite(x))
        {
            throw new ArgumentException($"Nice numbers need a positive finite value, got {x}.", nameof(x));
        }

        double exponent = Math.Floor(Math.Log10(x));
        double power = Math.Pow(10, exponent);
        double f = x / power;
        double nice = round
            ? f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
            : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>
    /// Loose linear ticks covering [min, max] with about <paramref name="maxTicks"/> ticks; the returned bounds are
    /// the outermost ticks. A degenerate range (min = max) is widened around the value.
    /// </summary>
    /// <exception cref="ArgumentException">Bounds are not finite or <paramref name="maxTicks"/> &lt; 2.</exception>
    public static TickSet Linear(double min, double max, int maxTicks = 6)
    {
        Validate(min, max, maxTicks);
        (min, max) = Widen(Math.Min(min, max), Math.Max(min, max));
        double range = NiceNumber(max - min, round: false);
        double step = NiceNumber(range / (maxTicks - 1), round: true);
        double lo = Math.Floor(min / step) * step;
        double hi = Math.Ceiling(max / step) * step;
        int count = (int)Math.Round((hi - lo) / step) + 1;
        var ticks = new double[count];
        for (int i = 0; i < count; i++)
        {
            ticks[i] = Clean(lo + (i * step), step);
        }

        return new TickSet(ticks[0], ticks[^1], step, ticks, []);
    }

    /// <summary>Ticks at nice multiples of a nice step that lie inside [min, max], whose bounds are kept.</summary>
    public static TickSet Inside(double min, double max, int maxTicks = 6)
    {
        Validate(min, max, maxTicks);
        (double a, double b) = (Math.Min(min, max), Math.Max(min, max));
        (double wa, double wb) = Widen(a, b);
        double step = NiceNumber(NiceNumber(wb - wa, round: false) / (maxTicks - 1), round: true);
        if (a == b)
        {
            return new TickSet(a, b, step, [Clean(a, step)], []);
        }

        var ticks = new List<double>();
        double tolerance = step * 1e-9;
        for (double k = Math.Ceiling((a - tolerance) / step); k * step <= b + tolerance; k++)
        {
            ticks.Add(Clean(k * step, step));
        }

        return new TickSet(a, b, step, [.. ticks], []);
    }

    /// <summary>
    /// Log-axis ticks: bounds widened to whole decades, major ticks at 10^k (every few decades when there are more than
    /// <paramref name="maxTicks"/>), minor ticks at 2–9 × 10^k when majors are one decade apart.
    /// </summary>
    /// <exception cref="ArgumentException">A bound is not positive and finite.</exception>
    public static TickSet Log(double min, double max, int maxTicks = 8)
    {
        if (!(min > 0) || !(max > 0) || !double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException($"Log-axis bounds must be positive and finite, got [{min}, {max}].", nameof(min));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        (min, max) = (Math.Min(min, max), Math.Max(min, max));
        int lo = (int)Math.Floor(Math.Log10(min) + 1e-9);
        int hi = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        if (hi <= lo)
        {
            hi = lo + 1;
        }

        int stride = Math.Max(1, (int)Math.Ceiling((double)(hi - lo) / (maxTicks - 1)));
        lo = (int)Math.Floor((double)lo / stride) * stride;
        hi = (int)Math.Ceiling((double)hi / stride) * stride;
        var major = new List<double>();
        var minor = new List<double>();
        for (int k = lo; k <= hi; k += stride)
        {
            major.Add(Math.Pow(10, k));
            if (stride == 1 && k < hi && hi - lo <= 8)
            {
                for (int m = 2; m <= 9; m++)
                {
                    minor.Add(m * Math.Pow(10, k));
                }
            }
        }

        return new TickSet(Math.Pow(10, lo), Math.Pow(10, hi), stride, [.. major], [.. minor]);
    }

    /// <summary>Rounds away the floating-point residue of lo + i·step (e.g. 0.30000000000000004 → 0.3).</summary>
    internal static double Clean(double v, double step)
    {
        if (Math.Abs(v) < step * 1e-9)
        {
            return 0;
        }

        int decimals = Math.Max(0, 1 - (int)Math.Floor(Math.Log10(step)));
        return decimals <= 15 ? Math.Round(v, decimals) : v;
    }

    private static (double Min, double Max) Widen(double min, double max)
    {
        if (max > min && (max - min) > Math.Max(Math.Abs(min), Math.Abs(max)) * 1e-12)
        {
            return (min, max);
        }

        double d = min == 0 ? 0.5 : Math.Abs(min) * 0.1;
        return (min - d, max + d);
    }

    private static void Validate(double min, double max, int maxTicks)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException($"Axis bounds must be finite, got [{min}, {max}].", nameof(min));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
    }
}
