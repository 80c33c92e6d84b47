namespace Basin.Plotting;

/// <summary>PNG colour types supported by <see cref="PngEncoder"/> (values as in the PNG specification, IHDR byte 9).</summary>
public enum PngColorType : byte
{
    /// <summary>One 8-bit grey sample per pixel.</summary>
    Grayscale = 0,

    /// <summary>Three 8-bit samples per pixel: red, green, blue.</summary>
    Rgb = 2,

    /// <summary>Grey plus alpha, two 8-bit samples per pixel (decoding only).</summary>
    GrayscaleAlpha = 4,

    /// <summary>Four 8-bit samples per pixel: red, green, blue, alpha (straight alpha).</summary>
    Rgba = 6,
}
