using SkiaSharp;

namespace Basin.Plotting;

/// <summary>
/// A grid of small images, each optionally captioned, upscaled with nearest-neighbour sampling (by an integer factor
/// where possible, so pixels stay square and crisp) — e.g. MNIST digits in one row, the attractor each one reached in
/// the next, and the targets in a third, with <see cref="RowLabels"/> naming the rows. Grey images are mapped through
/// <see cref="ColorMap"/> over [<see cref="ValueMin"/>, <see cref="ValueMax"/>], or over each image's own range with
/// <see cref="AutoScale"/>. The default output size follows from the images.
/// </summary>
public sealed class ImageGrid : Plot
{
    private readonly List<GridImage> _images = [];
    private int _columns;

    /// <summary>Images per row; 0 (default) chooses ⌈√n⌉.</summary>
    /// <exception cref="ArgumentException">Set to a negative value.</exception>
    public int Columns
    {
        get => _columns;
        set => _columns = value >= 0 ? value : throw new ArgumentException($"Columns must be non-negative, got {value}.", nameof(value));
    }

    /// <summary>Optional labels drawn left of each row.</summary>
    public IReadOnlyList<string>? RowLabels { get; set; }

    /// <summary>Optional labels drawn once above each column (a header row), instead of repeating captions per block.</summary>
    public IReadOnlyList<string>? ColumnLabels { get; set; }

    /// <summary>Colour map for grey images (grayscale by default; e.g. <see cref="ColorMap.Diverging"/> for signed states).</summary>
    public ColorMap ColorMap { get; set; } = ColorMap.Grayscale;

    /// <summary>Grey value shown as the first colour (default 0).</summary>
    public double ValueMin { get; set; }

    /// <summary>Grey value shown as the last colour (default 1).</summary>
    public double ValueMax { get; set; } = 1;

    /// <summary>Whether each grey image is stretched over its own finite min…max instead of the fixed range.</summary>
    public bool AutoScale { get; set; }

    /// <summary>The images in order (row-major).</summary>
    public IReadOnlyList<GridImage> Images => _images;

    /// <summary>Adds a grey image from row-major samples.</summary>
    /// <exception cref="ArgumentException">Non-positive size or a sample count other than width × height.</exception>
    public GridImage Add(ReadOnlySpan<double> gray, int width, int height, string? caption = null)
    {
        CheckImage(gray.Length, width, height, 1);
        return Push(new GridImage(width, height, gray.ToArray(), null, caption));
    }

    /// <summary>Adds a grey image from single-precision samples.</summary>
    public GridImage Add(ReadOnlySpan<float> gray, int width, int height, string? caption = null) => Add(ToArray(gray), width, height, caption);

    /// <summary>Adds a grey image of bytes 0–255 (e.g. raw MNIST pixels), stored as samples / 255.</summary>
    public GridImage Add(ReadOnlySpan<byte> gray, int width, int height, string? caption = null)
    {
        CheckImage(gray.Length, width, height, 1);
        var samples = new double[gray.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = gray[i] / 255.0;
        }

        return Push(new GridImage(width, height, samples, null, caption));
    }

    /// <summary>Adds a colour image from interleaved 8-bit RGB samples.</summary>
    /// <exception cref="ArgumentException">Non-positive size or a byte count other than 3 × width × height.</exception>
    public GridImage AddRgb(ReadOnlySpan<byte> rgb, int width, int height, string? caption = null)
    {
        CheckImage(rgb.Length, width, height, 3);
        var pixels = new Rgba32[width * height];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = new Rgba32(rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2]);
        }

        return Push(new GridImage(width, height, null, pixels, caption));
    }

    /// <summary>Adds a colour image of RGBA pixels.</summary>
    /// <exception cref="ArgumentException">Non-positive size or a pixel count other than width × height.</exception>
    public GridImage Add(ReadOnlySpan<Rgba32> pixels, int width, int height, string? caption = null)
    {
        CheckImage(pixels.Length, width, height, 1);
        return Push(new GridImage(width, height, null, pixels.ToArray(), caption));
    }

    /// <inheritdoc />
    public override CsvTable ToCsv()
    {
        var table = new CsvTable("index", "row", "column", "width", "height", "caption");
        int cols = EffectiveColumns();
        for (int i = 0; i < _images.Count; i++)
        {
            GridImage img = _images[i];
            table.AddRow(i, i / cols, i % cols, img.Width, img.Height, img.Caption);
        }

        return table;
    }

    private protected override (int Width, int Height) PreferredSize()
    {
        if (_images.Count == 0)
        {
            return (400, 300);
        }

        int cols = EffectiveColumns(), rows = (_images.Count + cols - 1) / cols;
        int maxW = _images.Max(i => i.Width), maxH = _images.Max(i => i.Height);
        int scale = Math.Max(1, (int)Math.Round(96.0 / Math.Max(maxW, maxH)));
        bool captions = _images.Any(i => !string.IsNullOrEmpty(i.Caption));
        int cellW = (maxW * scale) + 12, cellH = (maxH * scale) + 12 + (captions ? 22 : 0);
        int left = RowLabels is { Count: > 0 } ? 12 + (9 * RowLabels.Max(l => l.Length)) : 0;
        int top = (string.IsNullOrEmpty(Title) ? 0 : 40) + (ColumnLabels is { Count: > 0 } ? 24 : 0);
        return (Math.Max(120, 20 + left + (cols * cellW)), Math.Max(80, 20 + top + (rows * cellH)));
    }

    private protected override void Render(SKCanvas canvas, SKRect area, Theme theme)
    {
        if (_images.Count == 0)
        {
            TextFit.DrawTitle(canvas, area, Title, theme);
            return;
        }

        int cols = EffectiveColumns(), rows = (_images.Count + cols - 1) / cols;
        float unit = Math.Clamp(Math.Min(area.Width / cols, area.Height / rows) / 120, 0.6f, 3);
        float font = Math.Max(Math.Max(8, 12.5f * unit), theme.TickFont), pad = 6 * unit;
        // A wide, short grid has a small panel theme but large cells: the title is kept above the captions' size.
        var titleTheme = theme.TitleFont < 1.25f * font ? theme.Scaled(1.25 * font / theme.TitleFont) : theme;
        float titleH = TextFit.DrawTitle(canvas, area, Title, titleTheme);
        SKRect inner = SKRect.Inflate(area, -pad, -pad);
        float top = titleH > 0 ? area.Top + titleH : inner.Top;
        float left = inner.Left;
        if (RowLabels is { Count: > 0 })
        {
            left += RowLabels.Max(l => BasinFont.Measure(l, font)) + pad;
        }

        bool captions = _images.Any(i => !string.IsNullOrEmpty(i.Caption));
        float captionH = captions ? (font * 1.25f) + (pad * 0.5f) : 0;
        float headerH = ColumnLabels is { Count: > 0 } ? (font * 1.5f) : 0;
        top += headerH;
        float cellW = (inner.Right - left) / cols, cellH = (inner.Bottom - top) / rows;
        using var ink = new SKPaint { Color = Theme.Sk(Theme.Ink), IsAntialias = true };
        if (ColumnLabels is { Count: > 0 })
        {
            for (int c = 0; c < Math.Min(cols, ColumnLabels.Count); c++)
            {
                using SKFont headerFont = BasinFont.Font(TextFit.Shrink(ColumnLabels[c], font, cellW - pad));
                canvas.DrawText(ColumnLabels[c], left + ((c + 0.5f) * cellW), top - (font * 0.45f), SKTextAlign.Center, headerFont, ink);
            }
        }

        using var frame = new SKPaint { Color = new SKColor(160, 160, 160), Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = false };
        for (int i = 0; i < _images.Count; i++)
        {
            GridImage img = _images[i];
            int r = i / cols, c = i % cols;
            var cell = SKRect.Create(left + (c * cellW), top + (r * cellH), cellW, cellH);
            float availW = cell.Width - pad, availH = cell.Height - pad - captionH;
            float s = Math.Min(availW / img.Width, availH / img.Height);
            if (s >= 1)
            {
                s = MathF.Floor(s);
            }

            if (!(s > 0))
            {
                continue;
            }

            float w = img.Width * s, h = img.Height * s;
            var dest = SKRect.Create(MathF.Round(cell.MidX - (w / 2)), MathF.Round(cell.Top + (pad / 2) + ((availH - h) / 2)), w, h);
            SkiaImages.Draw(canvas, Pixels(img), img.Width, img.Height, dest);
            canvas.DrawRect(SKRect.Inflate(dest, 0.5f, 0.5f), frame);
            if (!string.IsNullOrEmpty(img.Caption))
            {
                using SKFont captionFont = BasinFont.Font(TextFit.Shrink(img.Caption, font, cellW - (pad * 0.5f)));
                canvas.DrawText(img.Caption, cell.MidX, dest.Bottom + (pad * 0.5f) + (font * 0.95f), SKTextAlign.Center, captionFont, ink);
            }
        }

        if (RowLabels is not null)
        {
            using SKFont labelFont = BasinFont.Font(font);
            for (int r = 0; r < Math.Min(rows, RowLabels.Count); r++)
            {
                float cy = top + (r * cellH) + ((cellH - captionH) / 2);
                canvas.DrawText(RowLabels[r], left - pad, cy + (font * 0.35f), SKTextAlign.Right, labelFont, ink);
            }
        }
    }

    private int EffectiveColumns() =>
        _columns > 0 ? _columns : Math.Max(1, (int)Math.Ceiling(Math.Sqrt(_images.Count)));

    private Rgba32[] Pixels(GridImage img)
    {
        if (img.Color is not null)
        {
            return img.Color;
        }

        double[] g = img.Gray!;
        double lo = ValueMin, hi = ValueMax;
        if (AutoScale)
        {
            lo = double.PositiveInfinity;
            hi = double.NegativeInfinity;
            foreach (double v in g)
            {
                if (double.IsFinite(v))
                {
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
            }
        }

        var pixels = new Rgba32[g.Length];
        for (int i = 0; i < g.Length; i++)
        {
            pixels[i] = ColorMap.Map(g[i], lo, hi);
        }

        return pixels;
    }

    private GridImage Push(GridImage image)
    {
        _images.Add(image);
        return image;
    }

    private static void CheckImage(int length, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"Image size must be positive, got {width}×{height}.", nameof(width));
        }

        if (length != (long)width * height * channels)
        {
            throw new ArgumentException($"A {width}×{height} image needs {(long)width * height * channels} values, got {length}.", nameof(width));
        }
    }
}
