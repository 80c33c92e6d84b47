using System.Globalization;
using System.Runtime.InteropServices;

namespace Basin.Plotting;

/// <summary>
/// An 8-bit-per-channel colour with straight (non-premultiplied) alpha, laid out as R, G, B, A bytes
/// so that a span of pixels is directly a PNG RGBA scanline.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct Rgba32(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque black.</summary>
    public static Rgba32 Black => new(0, 0, 0);

    /// <summary>Opaque white.</summary>
    public static Rgba32 White => new(255, 255, 255);

    /// <summary>Fully transparent black.</summary>
    public static Rgba32 Transparent => new(0, 0, 0, 0);

    /// <summary>Returns this colour with its alpha replaced.</summary>
    public Rgba32 WithAlpha(byte alpha) => new(R, G, B, alpha);

    /// <summary>Returns this colour with its alpha multiplied by <paramref name="opacity"/> ∈ [0, 1].</summary>
    public Rgba32 WithOpacity(double opacity) => new(R, G, B, ToByte(A * Math.Clamp(opacity, 0, 1)));

    /// <summary>A grey level (R = G = B = <paramref name="level"/>), opaque.</summary>
    public static Rgba32 Gray(byte level) => new(level, level, level);

    /// <summary>Builds a colour from channel values in [0, 1] (clamped, rounded to nearest).</summary>
    public static Rgba32 FromUnit(double r, double g, double b, double a = 1) =>
        new(ToByte(r * 255), ToByte(g * 255), ToByte(b * 255), ToByte(a * 255));

    /// <summary>Parses <c>#rgb</c>, <c>#rrggbb</c> or <c>#rrggbbaa</c> (the '#' is optional).</summary>
    /// <exception cref="ArgumentException">The text is not a hexadecimal colour.</exception>
    public static Rgba32 FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        ReadOnlySpan<char> s = hex.AsSpan().TrimStart('#');
        if (s.Length == 3)
        {
            Span<char> wide = stackalloc char[6] { s[0], s[0], s[1], s[1], s[2], s[2] };
            return FromHex(new string(wide));
        }

        if ((s.Length != 6 && s.Length != 8)
            || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint v))
        {
            throw new ArgumentException($"'{hex}' is not a colour of the form #rrggbb or #rrggbbaa.", nameof(hex));
        }

        return s.Length == 6
            ? new Rgba32((byte)(v >> 16), (byte)(v >> 8), (byte)v)
            : new Rgba32((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>Linear interpolation a + t (b − a) per channel, t clamped to [0, 1].</summary>
    public static Rgba32 Lerp(Rgba32 a, Rgba32 b, double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        return new Rgba32(
            ToByte(a.R + ((b.R - a.R) * t)),
            ToByte(a.G + ((b.G - a.G) * t)),
            ToByte(a.B + ((b.B - a.B) * t)),
            ToByte(a.A + ((b.A - a.A) * t)));
    }

    /// <summary>The colour as <c>#rrggbb</c> (alpha omitted).</summary>
    public string ToHexRgb() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}{A:x2}");

    internal static byte ToByte(double v) => (byte)Math.Clamp((int)Math.Round(v, MidpointRounding.AwayFromZero), 0, 255);
}
