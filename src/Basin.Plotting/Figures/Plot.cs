namespace Basin.Plotting;

/// <summary>
/// Base of every Basin graphic. A plot is a description (data plus options) rendered on demand by two back ends
/// from the same layout code: SVG text and a PNG raster (<see cref="Canvas"/>). Files are written atomically.
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

    /// <summary>Renders to an SVG document of the given size.</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public string ToSvg(int width, int height)
    {
        CheckSize(width, nameof(width));
        CheckSize(height, nameof(height));
        var target = new SvgRenderTarget(width, height);
        RenderInto(target, new RectD(0, 0, width, height));
        return target.ToSvg(Title);
    }

    /// <summary>Renders to a raster canvas at the default size.</summary>
    public Canvas ToCanvas() => ToCanvas(Width, Height);

    /// <summary>Renders to a raster canvas of the given size.</summary>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public Canvas ToCanvas(int width, int height)
    {
        CheckSize(width, nameof(width));
        CheckSize(height, nameof(height));
        var canvas = new Canvas(width, height, Background);
        RenderInto(new CanvasRenderTarget(canvas), new RectD(0, 0, width, height));
        return canvas;
    }

    /// <summary>Renders and encodes a PNG of the given size.</summary>
    public byte[] ToPng(int width, int height) => ToCanvas(width, height).ToPng();

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

    internal void RenderInto(IRenderTarget target, RectD area)
    {
        target.FillRect(area, Background);
        Render(target, area, PlotStyle.For(area));
    }

    private protected virtual (int Width, int Height) PreferredSize() => (800, 500);

    private protected abstract void Render(IRenderTarget target, RectD area, PlotStyle style);

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
