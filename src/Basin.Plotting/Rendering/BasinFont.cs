using SkiaSharp;

namespace Basin.Plotting;

/// <summary>
/// The one typeface of every Basin figure: DejaVu Sans (Bitstream Vera licence, see <c>Fonts/DejaVuSans-LICENSE.txt</c>),
/// embedded in the assembly and registered with ScottPlot as the answer to every font request, so that a figure
/// renders identically — same glyphs, same metrics, same bytes — on a machine with no fonts installed.
/// </summary>
internal static class BasinFont
{
    /// <summary>The family name written into SVG text and handed to ScottPlot.</summary>
    public const string Name = "DejaVu Sans";

    private const string Resource = "Basin.Plotting.Fonts.DejaVuSans.ttf";
    private static readonly Lazy<SKTypeface> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<bool> Registered = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The embedded typeface.</summary>
    public static SKTypeface Typeface => Loaded.Value;

    /// <summary>Makes ScottPlot resolve every font name to the embedded typeface (idempotent, thread-safe).</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    /// <summary>A font of the embedded typeface at <paramref name="size"/> pixels, hinting off so that metrics scale linearly.</summary>
    public static SKFont Font(float size) => new(Typeface, size) { Subpixel = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias };

    /// <summary>Advance width of <paramref name="text"/> at <paramref name="size"/> pixels.</summary>
    public static float Measure(string text, float size)
    {
        using SKFont font = Font(size);
        return font.MeasureText(text);
    }

    private static SKTypeface Load()
    {
        using Stream? stream = typeof(BasinFont).Assembly.GetManifestResourceStream(Resource);
        if (stream is null)
        {
            throw new InvalidOperationException($"The embedded font {Resource} is missing from {typeof(BasinFont).Assembly.GetName().Name}.");
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        using SKData data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"SkiaSharp could not load the embedded font {Resource}.");
    }

    private static bool Register()
    {
        ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
        ScottPlot.Fonts.Default = Name;
        ScottPlot.Fonts.Sans = Name;
        return true;
    }

    /// <summary>Answers every request (any name, weight or slant) with the embedded typeface: no system font is ever consulted.</summary>
    private sealed class EmbeddedFontResolver : ScottPlot.IFontResolver
    {
        public SKTypeface CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) => Typeface;

        public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => Typeface;
    }
}
