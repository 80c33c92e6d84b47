namespace Basin.Plotting;

/// <summary>
/// A built-in 5×7 bitmap font (ASCII, the minus sign U+2212, ±, ×, °, ², a few Greek letters) with two descender
/// rows, drawn by hand for Basin so that PNG plots need no font files. Each glyph occupies a cell of
/// <see cref="CellWidth"/> × <see cref="CellHeight"/> units and advances by <see cref="Advance"/>; an integer
/// scale multiplies every unit. Characters without a glyph are drawn as a box.
/// </summary>
public static partial class BitmapFont
{
    /// <summary>Glyph width in font units.</summary>
    public const int CellWidth = 5;

    /// <summary>Rows above the baseline (cap height) in font units.</summary>
    public const int Ascent = 7;

    /// <summary>Rows below the baseline in font units.</summary>
    public const int Descent = 2;

    /// <summary>Full cell height in font units (<see cref="Ascent"/> + <see cref="Descent"/>).</summary>
    public const int CellHeight = Ascent + Descent;

    /// <summary>Horizontal advance per character in font units (glyph plus one unit of spacing).</summary>
    public const int Advance = CellWidth + 1;

    private static readonly Dictionary<char, ulong> Glyphs = BuildGlyphs();
    private static readonly ulong Missing = Glyphs['\uFFFD'];

    /// <summary>Whether <paramref name="c"/> has its own glyph (otherwise a box is drawn).</summary>
    public static bool HasGlyph(char c) => Glyphs.ContainsKey(c);

    /// <summary>Width and height in pixels of <paramref name="text"/> drawn at integer <paramref name="scale"/> on one line.</summary>
    public static (int Width, int Height) Measure(string text, int scale)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        int width = text.Length == 0 ? 0 : ((text.Length * Advance) - 1) * scale;
        return (width, CellHeight * scale);
    }

    /// <summary>
    /// The glyph bitmap for <paramref name="c"/>: bit (row × <see cref="CellWidth"/> + column) is set where ink is,
    /// rows counted from the top of the cell.
    /// </summary>
    public static ulong GetGlyph(char c) => Glyphs.TryGetValue(c, out ulong bits) ? bits : Missing;

    private static Dictionary<char, ulong> BuildGlyphs()
    {
        (char Char, string Rows)[] source = GlyphSource;
        var glyphs = new Dictionary<char, ulong>(source.Length);
        foreach ((char c, string rows) in source)
        {
            string[] parts = rows.Split(' ');
            if (parts.Length < Ascent || parts.Length > CellHeight || parts.Any(p => p.Length != CellWidth))
            {
                throw new InvalidOperationException($"Glyph '{c}' is malformed.");
            }

            ulong bits = 0;
            for (int row = 0; row < parts.Length; row++)
            {
                for (int col = 0; col < CellWidth; col++)
                {
                    if (parts[row][col] == '#')
                    {
                        bits |= 1UL << ((row * CellWidth) + col);
                    }
                }
            }

            glyphs.Add(c, bits);
        }

        return glyphs;
    }
}
