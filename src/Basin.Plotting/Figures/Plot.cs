using SkiaSharp;
using AtomicFile = Basin.Tensors.IO.AtomicFile;
namespace Basin.Plotting;

/// <summary>
/// Base of every Basin graphic. A plot is a description (data plus options) drawn on demand on a SkiaSharp canvas —
/// axes, ticks, legends and data through ScottPlot 5, titles, image grids and panel layout by Basin — and written from
/// the same drawing as PNG and as SVG, with the CSV of the numbers shown beside it. Files are written atomically.
/// </summary>
public abstract class Plot
{
    private int? _width;
    private int? _height;

    private protected Plot()
    {
    }

    /// <summary>Title drawn above the plot (none when null or empty).</summary>
    public string? Title { get; set; }

    /// <summary>Default output width in pixels, used by the overloads without a size (800 unless the plot prefers another).</summary>
    /// <exception cref="ArgumentException">Set to a non-positive value.</exception>
    public int Width
    {
        get => _width ?? PreferredSize().Width;
        set => _width = CheckSize(value, nameof(Width));
    }

    /// <summary>Default output height in pixels, used by the overloads without a size (500 unless the plot prefers another).</summary>
    /// <exception cref="ArgumentException">Set to a non-positive value.</exception>
    public int Height
    {
        get => _height ?? PreferredSize().Height;
        set => _height = CheckSize(value, nameof(Height));
    }

    /// <summary>Background colour (white by default).</summary>
    public Rgba32 Background { get; set; } = Rgba32.White;

    /// <summary>Renders to an SVG document at the default size.</summary>
    public string ToSvg() => ToSvg(Width, Height);

    /// <summary>Renders to an SVG document of the given size (SkiaSharp's SVG canvas: text as &lt;text&gt; in DejaVu Sans).</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public string ToSvg(int width, int height)
    {
        CheckSize(width, nameof(width));
        CheckSize(height, nameof(height));
        return SkiaOutput.Svg(width, height, canvas => Draw(canvas, SKRect.Create(width, height)));
    }

    /// <summary>Renders and encodes a PNG at the default size.</summary>
    public byte[] ToPng() => ToPng(Width, Height);

    /// <summary>Renders and encodes an RGBA PNG of the given size; the same plot gives the same bytes.</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public byte[] ToPng(int width, int height)
    {
        CheckSize(width, nameof(width));
        CheckSize(height, nameof(height));
        return SkiaOutput.Png(width, height, canvas => Draw(canvas, SKRect.Create(width, height)));
    }

    /// <summary>Writes an SVG file at the default size.</summary>
    public void SaveSvg(string path) => SaveSvg(path, Width, Height);

    /// <summary>Writes an SVG file of the given size.</summary>
    public void SaveSvg(string path, int width, int height) => AtomicFile.WriteAllText(path, ToSvg(width, height));

    /// <summary>Writes a PNG file at the default size.</summary>
    public void SavePng(string path) => SavePng(path, Width, Height);

    /// <summary>Writes a PNG file of the given size.</summary>
    public void SavePng(string path, int width, int height) => AtomicFile.WriteAllBytes(path, ToPng(width, height));

    /// <summary>Writes <c><paramref name="pathWithoutExtension"/>.svg</c> and <c>.png</c> at the default size.</summary>
    public void Save(string pathWithoutExtension) => Save(pathWithoutExtension, Width, Height);

    /// <summary>Writes <c><paramref name="pathWithoutExtension"/>.svg</c> and <c>.png</c> of the given size.</summary>
    public void Save(string pathWithoutExtension, int width, int height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathWithoutExtension);
        SaveSvg(pathWithoutExtension + ".svg", width, height);
        SavePng(pathWithoutExtension + ".png", width, height);
    }

    /// <summary>The numbers shown by the plot, as a table.</summary>
    public abstract CsvTable ToCsv();

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/>, atomically.</summary>
    public void SaveCsv(string path) => ToCsv().Save(path);

    /// <summary>Fills <paramref name="area"/> with the background and draws the plot into it.</summary>
    internal void Draw(SKCanvas canvas, SKRect area)
    {
        using (var paint = new SKPaint { Color = Theme.Sk(Background), Style = SKPaintStyle.Fill })
        {
            canvas.DrawRect(area, paint);
        }

        canvas.Save();
        canvas.ClipRect(area);
        Render(canvas, area, Theme.For(area));
        canvas.Restore();
    }

    private protected virtual (int Width, int Height) PreferredSize() => (800, 500);

    private protected abstract void Render(SKCanvas canvas, SKRect area, Theme theme);

    private protected static int CheckSize(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be a positive number of pixels, got {value}.", name);

    private protected static double[] ToArray(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
