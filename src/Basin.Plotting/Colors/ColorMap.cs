namespace Basin.Plotting;

/// <summary>
/// A continuous colour map: t ∈ [0, 1] ↦ colour, piecewise linear between evenly spaced stops and
/// tabulated at 256 levels for speed. Values outside [0, 1] are clamped; NaN maps to <see cref="NanColor"/>.
/// </summary>
public sealed class ColorMap
{
    private const int Levels = 256;
    private readonly Rgba32[] _lut;
    private readonly Rgba32[] _stops;

    private ColorMap(string name, Rgba32[] stops)
    {
        Name = name;
        _stops = stops;
        _lut = new Rgba32[Levels];
        for (int i = 0; i < Levels; i++)
        {
            double pos = (double)i / (Levels - 1) * (stops.Length - 1);
            int k = Math.Min((int)pos, stops.Length - 2);
            _lut[i] = Rgba32.Lerp(stops[k], stops[k + 1], pos - k);
        }
    }

    /// <summary>Matplotlib's perceptually uniform viridis (van der Walt and Smith, 2015), dark purple → yellow.</summary>
    public static ColorMap Viridis { get; } = FromHex(
        "viridis", "#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725");

    /// <summary>Matplotlib's magma, black → purple → orange → pale yellow.</summary>
    public static ColorMap Magma { get; } = FromHex(
        "magma", "#000004", "#140e36", "#3b0f70", "#641a80", "#8c2981", "#b73779", "#de4968", "#f7705c", "#fe9f6d", "#fecf92", "#fcfdbf");

    /// <summary>A diverging blue → white → red map (ColorBrewer RdBu, reversed), for signed data centred on 0.</summary>
    public static ColorMap Diverging { get; } = FromHex(
        "diverging", "#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f");

    /// <summary>Black → white.</summary>
    public static ColorMap Grayscale { get; } = new("grayscale", [Rgba32.Black, Rgba32.White]);

    /// <summary>The map's name.</summary>
    public string Name { get; }

    /// <summary>The colour used for NaN values (light grey unless replaced with <see cref="WithNanColor"/>).</summary>
    public Rgba32 NanColor { get; private init; } = new(200, 200, 200);

    /// <summary>Builds a map from two or more evenly spaced colour stops.</summary>
    /// <exception cref="ArgumentException">Fewer than two stops.</exception>
    public static ColorMap FromStops(string name, params ReadOnlySpan<Rgba32> stops)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (stops.Length < 2)
        {
            throw new ArgumentException("A colour map needs at least two stops.", nameof(stops));
        }

        return new ColorMap(name, stops.ToArray());
    }

    /// <summary>Builds a map from two or more evenly spaced hexadecimal colour stops.</summary>
    public static ColorMap FromHex(string name, params ReadOnlySpan<string> stops)
    {
        var colors = new Rgba32[stops.Length];
        for (int i = 0; i < stops.Length; i++)
        {
            colors[i] = Rgba32.FromHex(stops[i]);
        }

        return FromStops(name, colors);
    }

    /// <summary>The colour at t ∈ [0, 1].</summary>
    public Rgba32 Map(double t)
    {
        if (double.IsNaN(t))
        {
            return NanColor;
        }

        return _lut[(int)Math.Round(Math.Clamp(t, 0, 1) * (Levels - 1))];
    }

    /// <summary>The colour of <paramref name="value"/> on the range [min, max] (the middle colour when min = max).</summary>
    public Rgba32 Map(double value, double min, double max)
    {
        if (double.IsNaN(value))
        {
            return NanColor;
        }

        return max > min ? Map((value - min) / (max - min)) : Map(0.5);
    }

    /// <summary>The same stops in reverse order.</summary>
    public ColorMap Reversed() => new(Name + "_r", _stops.Reverse().ToArray()) { NanColor = NanColor };

    /// <summary>A copy of this map that paints NaN with <paramref name="color"/>.</summary>
    public ColorMap WithNanColor(Rgba32 color) => new(Name, _stops) { NanColor = color };

    /// <summary><paramref name="count"/> colours sampled evenly from t = 0 to t = 1.</summary>
    public Rgba32[] Sample(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new Rgba32[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = Map(count == 1 ? 0.5 : (double)i / (count - 1));
        }

        return result;
    }
}
