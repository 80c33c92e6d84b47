namespace Basin.Plotting;

/// <summary>
/// Colour helpers shared by the plots and by generative art: a colour-blind-safe categorical palette for series (Okabe–Ito),
/// HSV conversion, and Iñigo Quílez's cosine palettes c(t) = a + b·cos(2π(c·t + d)).
/// </summary>
public static class Palette
{
    // Okabe & Ito (2008), "Color Universal Design": eight colours told apart under protanopia, deuteranopia and
    // tritanopia; ordered blue, vermillion, bluish green, orange, sky blue, reddish purple, black, yellow (the yellow,
    // weakest on white, last).
    private static readonly Rgba32[] CategoryColors =
    [
        Rgba32.FromHex("#0072b2"), Rgba32.FromHex("#d55e00"), Rgba32.FromHex("#009e73"), Rgba32.FromHex("#e69f00"),
        Rgba32.FromHex("#56b4e9"), Rgba32.FromHex("#cc79a7"), Rgba32.FromHex("#000000"), Rgba32.FromHex("#f0e442"),
    ];

    /// <summary>The eight Okabe–Ito categorical colours used for series in order (readable by colour-blind readers).</summary>
    public static ReadOnlySpan<Rgba32> OkabeIto => CategoryColors;

    /// <summary>The <paramref name="index"/>-th categorical colour (<see cref="OkabeIto"/>), cycling after eight.</summary>
    public static Rgba32 Category(int index) => CategoryColors[((index % CategoryColors.Length) + CategoryColors.Length) % CategoryColors.Length];

    /// <summary>
    /// Converts hue <paramref name="h"/> (turns: 0 and 1 are red, wraps around), saturation and value in [0, 1]
    /// to an opaque RGB colour.
    /// </summary>
    public static Rgba32 FromHsv(double h, double s, double v)
    {
        h = (h - Math.Floor(h)) * 6;
        s = Math.Clamp(s, 0, 1);
        v = Math.Clamp(v, 0, 1);
        int sector = Math.Min((int)h, 5);
        double f = h - sector, p = v * (1 - s), q = v * (1 - (s * f)), t = v * (1 - (s * (1 - f)));
        (double r, double g, double b) = sector switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
        return Rgba32.FromUnit(r, g, b);
    }

    /// <summary>
    /// A cosine palette colour: each channel k is a_k + b_k·cos(2π(c_k·t + d_k)), clamped to [0, 1]
    /// (I. Quílez, "Palettes", 1999/2015). Arguments are (red, green, blue) triples.
    /// </summary>
    public static Rgba32 Cosine(double t, (double R, double G, double B) a, (double R, double G, double B) b,
        (double R, double G, double B) c, (double R, double G, double B) d) =>
        Rgba32.FromUnit(
            a.R + (b.R * Math.Cos(2 * Math.PI * ((c.R * t) + d.R))),
            a.G + (b.G * Math.Cos(2 * Math.PI * ((c.G * t) + d.G))),
            a.B + (b.B * Math.Cos(2 * Math.PI * ((c.B * t) + d.B))));

    /// <summary>The classic rainbow-like cosine palette (a = b = ½, c = 1, d = (0, ⅓, ⅔)).</summary>
    public static Rgba32 Rainbow(double t) => Cosine(t, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5), (1, 1, 1), (0, 0.33, 0.67));

    /// <summary><paramref name="count"/> evenly spaced hues at the given saturation and value (distinct colours for many classes).</summary>
    public static Rgba32[] Hues(int count, double saturation = 0.65, double value = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var colors = new Rgba32[count];
        for (int i = 0; i < count; i++)
        {
            colors[i] = FromHsv((double)i / Math.Max(count, 1), saturation, value);
        }

        return colors;
    }

    /// <summary>Maps a grey level in [0, 1] to an opaque grey (NaN → black).</summary>
    public static Rgba32 Gray(double level) => double.IsNaN(level) ? Rgba32.Black : Rgba32.Gray(Rgba32.ToByte(level * 255));
}
