using System.Globalization;

namespace Basin.Plotting;

/// <summary>
/// Formats tick labels in the invariant culture with as many decimals as the tick step needs, switching to
/// exponent notation (e.g. 2.5e−5) for very large or very small values. Negative numbers use the minus sign
/// U+2212, which the bitmap font and SVG both render.
/// </summary>
public static class TickFormatter
{
    /// <summary>The typographic minus sign used in labels.</summary>
    public const char Minus = '\u2212';

    /// <summary>Formats a linear-axis tick <paramref name="value"/> given the spacing <paramref name="step"/> of its axis.</summary>
    public static string Format(double value, double step)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : Minus + "∞";
        }

        if (value == 0 || Math.Abs(value) < Math.Abs(step) * 1e-9)
        {
            return "0";
        }

        step = Math.Abs(step) > 0 && double.IsFinite(step) ? Math.Abs(step) : Math.Abs(value);
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e6 || step < 1e-4)
        {
            int exponent = (int)Math.Floor(Math.Log10(magnitude));
            int digits = Math.Clamp(exponent - (int)Math.Floor(Math.Log10(step) + 1e-9), 0, 6);
            double mantissa = value / Math.Pow(10, exponent);
            string m = mantissa.ToString("0." + new string('#', digits), CultureInfo.InvariantCulture);
            if (m is "10" or "-10")
            {
                m = m[..^1];
                exponent++;
            }

            return UseMinus(m + "e" + exponent.ToString(CultureInfo.InvariantCulture));
        }

        return UseMinus(value.ToString("F" + DecimalsFor(step).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    /// <summary>Formats a log-axis tick: plain for 10^−3 … 10^4, otherwise 1e<i>k</i>.</summary>
    public static string FormatLog(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            return Format(value, 1);
        }

        double k = Math.Log10(value);
        int rounded = (int)Math.Round(k);
        if (Math.Abs(k - rounded) < 1e-9)
        {
            return rounded is >= -3 and <= 4
                ? value.ToString("F" + Math.Max(0, -rounded).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                : UseMinus("1e" + rounded.ToString(CultureInfo.InvariantCulture));
        }

        return UseMinus(value.ToString("G3", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal));
    }

    /// <summary>The number of decimals needed to show multiples of <paramref name="step"/> exactly (at most 10).</summary>
    public static int DecimalsFor(double step)
    {
        step = Math.Abs(step);
        for (int d = 0; d < 10; d++)
        {
            double scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * Math.Max(1, scaled))
            {
                return d;
            }
        }

        return 10;
    }

    private static string UseMinus(string s) => s.Replace('-', Minus);
}
