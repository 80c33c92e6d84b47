namespace Basin.Plotting;

/// <summary>A decoded 8-bit PNG image: interleaved samples, row-major, no padding.</summary>
public sealed class PngImage
{
    /// <summary>Creates an image; <paramref name="pixels"/> must hold width × height × channels bytes.</summary>
    public PngImage(int width, int height, PngColorType colorType, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        Width = width;
        Height = height;
        ColorType = colorType;
        Channels = colorType switch
        {
            PngColorType.Grayscale => 1,
            PngColorType.GrayscaleAlpha => 2,
            PngColorType.Rgb => 3,
            _ => 4,
        };
        if (pixels.Length != (long)width * height * Channels)
        {
            throw new ArgumentException($"Pixel buffer has {pixels.Length} bytes; expected {(long)width * height * Channels}.", nameof(pixels));
        }

        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The colour type of the samples in <see cref="Pixels"/>.</summary>
    public PngColorType ColorType { get; }

    /// <summary>Samples per pixel (1, 2, 3 or 4).</summary>
    public int Channels { get; }

    /// <summary>The interleaved samples.</summary>
    public byte[] Pixels { get; }

    /// <summary>The pixel at (x, y) as RGBA (grey is replicated, missing alpha is 255).</summary>
    public Rgba32 GetPixel(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}×{Height} image.");
        }

        int i = ((y * Width) + x) * Channels;
        return ColorType switch
        {
            PngColorType.Grayscale => new Rgba32(Pixels[i], Pixels[i], Pixels[i]),
            PngColorType.GrayscaleAlpha => new Rgba32(Pixels[i], Pixels[i], Pixels[i], Pixels[i + 1]),
            PngColorType.Rgb => new Rgba32(Pixels[i], Pixels[i + 1], Pixels[i + 2]),
            _ => new Rgba32(Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]),
        };
    }
}
