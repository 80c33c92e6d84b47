namespace Basin.Plotting;

/// <summary>One small image of an <see cref="ImageGrid"/>: grey samples (mapped at render time) or RGBA pixels.</summary>
public sealed class GridImage
{
    internal GridImage(int width, int height, double[]? gray, Rgba32[]? color, string? caption)
    {
        Width = width;
        Height = height;
        Gray = gray;
        Color = color;
        Caption = caption;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Caption drawn under the image (none when null or empty).</summary>
    public string? Caption { get; set; }

    internal double[]? Gray { get; }

    internal Rgba32[]? Color { get; }
}
