using SkiaSharp;

namespace Basin.Plotting;

/// <summary>
/// Keeps text inside its box: a line wider than the box is first set smaller (down to <see cref="MinScale"/> of its
/// size) and then, for titles, broken at spaces into as many lines as needed, so that no title or label is ever
/// clipped at a figure's edge. Widths are measured with the embedded font, the same one that draws them.
/// </summary>
internal static class TextFit
{
    /// <summary>The smallest fraction of the requested size that text is shrunk to before it wraps.</summary>
    public const float MinScale = 0.7f;

    /// <summary>The largest size ≤ <paramref name="size"/> at which <paramref name="text"/> fits <paramref name="width"/> (never below half the size).</summary>
    public static float Shrink(string text, float size, float width)
    {
        float w = BasinFont.Measure(text, size);
        return w <= width || w <= 0 ? size : Math.Max(size * 0.5f, size * width / w);
    }

    /// <summary>
    /// The lines and the size at which <paramref name="text"/> fits <paramref name="width"/>: one line shrunk to at most
    /// <see cref="MinScale"/>, else greedy word wrapping at that size (a single word longer than the box is shrunk further).
    /// </summary>
    public static (string[] Lines, float Size) Wrap(string text, float size, float width)
    {
        float w = BasinFont.Measure(text, size);
        if (w <= width)
        {
            return ([text], size);
        }

        if (w * MinScale <= width)
        {
            return ([text], size * width / w);
        }

        float s = size * MinScale;
        var lines = new List<string>();
        string current = string.Empty;
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && BasinFont.Measure(candidate, s) > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        float widest = lines.Max(l => BasinFont.Measure(l, s));
        return ([.. lines], widest > width ? s * width / widest : s);
    }

    /// <summary>The height <see cref="DrawTitle"/> takes for <paramref name="title"/> in <paramref name="area"/>, padding included.</summary>
    public static float TitleHeight(SKRect area, string? title, Theme theme)
    {
        if (string.IsNullOrEmpty(title))
        {
            return 0;
        }

        (string[] lines, float size) = Wrap(title, theme.TitleFont, area.Width - (2 * theme.Pad));
        return (theme.Pad * 1.5f) + (lines.Length * size * 1.2f);
    }

    /// <summary>
    /// Draws a centred title at the top of <paramref name="area"/> (wrapped and shrunk to fit its width less padding)
    /// and returns the height it took, padding included; 0 when there is no title.
    /// </summary>
    public static float DrawTitle(SKCanvas canvas, SKRect area, string? title, Theme theme)
    {
        if (string.IsNullOrEmpty(title))
        {
            return 0;
        }

        (string[] lines, float size) = Wrap(title, theme.TitleFont, area.Width - (2 * theme.Pad));
        using SKFont font = BasinFont.Font(size);
        using var paint = new SKPaint { Color = Theme.Sk(Theme.Ink), IsAntialias = true };
        float lineHeight = size * 1.2f, y = area.Top + theme.Pad;
        foreach (string line in lines)
        {
            y += lineHeight;
            canvas.DrawText(line, area.MidX, y - (size * 0.25f), SKTextAlign.Center, font, paint);
        }

        return y - area.Top + (theme.Pad * 0.5f);
    }
}
