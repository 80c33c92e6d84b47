namespace Basin.Plotting;

/// <summary>
/// Maps data to ScottPlot coordinates along one axis: the identity on a linear axis, log₁₀ on a logarithmic one
/// (ScottPlot 5 has no log scale: data are plotted as log₁₀ v and ticks placed at whole decades, labelled 10ᵏ, with
/// minor ticks at 2–9 × 10ᵏ). Values the axis cannot show (NaN, ±∞, and v ≤ 0 on a log axis) map to NaN.
/// </summary>
internal readonly record struct AxisScale(bool IsLog)
{
    /// <summary>The coordinate of <paramref name="v"/>, or NaN where the axis cannot show it.</summary>
    public double Map(double v) => !double.IsFinite(v) ? double.NaN : !IsLog ? v : v > 0 ? Math.Log10(v) : double.NaN;

    /// <summary>Whether the axis can show <paramref name="v"/>.</summary>
    public bool Accepts(double v) => !double.IsNaN(Map(v));

    /// <summary>
    /// Automatic limits from the data range [<paramref name="dataLo"/>, <paramref name="dataHi"/>] (plot coordinates) and
    /// the padded range ScottPlot chose: unchanged on a linear axis; on a log axis the data range widened to whole
    /// decades (so that decade ticks frame the data) and then padded by <paramref name="margin"/> of its length on each
    /// side, so that markers on a decade are not cut by the frame.
    /// </summary>
    public (double Lo, double Hi) Snap(double dataLo, double dataHi, double paddedLo, double paddedHi, double margin)
    {
        if (!IsLog || !double.IsFinite(dataLo) || !double.IsFinite(dataHi))
        {
            return (paddedLo, paddedHi);
        }

        double lo = Math.Floor(dataLo + 1e-9), hi = Math.Max(Math.Ceiling(dataHi - 1e-9), lo + 1);
        double pad = (hi - lo) * margin;
        return (lo - pad, hi + pad);
    }

    /// <summary>
    /// Installs ScottPlot's automatic ticks on <paramref name="axis"/>: 1, 2, 5 × 10ᵏ steps at half ScottPlot's default
    /// density on a linear axis (its default, one label per label-width, is denser than a printed figure wants), whole
    /// decades on a logarithmic one.
    /// </summary>
    public void Configure(ScottPlot.IAxis axis)
    {
        if (!IsLog)
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.5, LabelFormatter = v => Label(v, axis.Max - axis.Min) };
        }
        else
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                LabelFormatter = Decade,
            };
        }
    }

    /// <summary>
    /// A linear tick label for <paramref name="v"/> on an axis spanning <paramref name="span"/>: as many decimals as a
    /// tenth of the span needs (so that adjacent ticks never print alike, e.g. eigenvalue imaginary parts of 10⁻¹⁵),
    /// exponent notation a·10ᵏ written "ae−k" when the span is below 10⁻⁴ or the value reaches 10⁶, trailing zeros
    /// dropped, the invariant culture, and the minus sign U+2212. Values within 10⁻⁹ of a span of zero print "0".
    /// </summary>
    public static string Label(double v, double span)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (!double.IsFinite(v))
        {
            return string.Empty;
        }

        span = double.IsFinite(span) && span > 0 ? span : Math.Max(Math.Abs(v), 1);
        if (Math.Abs(v) < span * 1e-9)
        {
            return "0";
        }

        string text;
        if (span < 1e-4 || Math.Abs(v) >= 1e6)
        {
            int digits = Math.Clamp((int)Math.Floor(Math.Log10(Math.Abs(v))) - (int)Math.Floor(Math.Log10(span / 10)) + 1, 1, 15);
            text = v.ToString("E" + (digits - 1), inv);
            int e = text.IndexOf('E');
            string mantissa = text[..e].Contains('.') ? text[..e].TrimEnd('0').TrimEnd('.') : text[..e];
            text = mantissa + "e" + int.Parse(text[(e + 1)..], inv).ToString(inv);
        }
        else
        {
            int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(span / 10)), 0, 12);
            text = v.ToString("F" + decimals, inv);
            if (text.Contains('.'))
            {
                text = text.TrimEnd('0').TrimEnd('.');
            }
        }

        return text.Replace('-', '\u2212');
    }

    /// <summary>The label of 10^<paramref name="k"/>: plain for 10⁻³…10⁴, else "10" with a superscript exponent.</summary>
    public static string Decade(double k)
    {
        int e = (int)Math.Round(k);
        if (e is >= -3 and <= 4)
        {
            return Math.Pow(10, e).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string exponent = string.Concat(Math.Abs(e).ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => digits[c - '0']));
        return "10" + (e < 0 ? "⁻" : string.Empty) + exponent;
    }
}
