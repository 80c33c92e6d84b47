using AtomicFile = Basin.Tensors.IO.AtomicFile;
namespace Basin.Plotting;

/// <summary>Writes PNG files atomically (see <see cref="AtomicFile"/>), encoding with <see cref="PngEncoder"/>.</summary>
public static class PngWriter
{
    /// <summary>Writes interleaved 8-bit pixels of the given colour type to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType) =>
        AtomicFile.WriteAllBytes(path, PngEncoder.Encode(pixels, width, height, colorType));

    /// <summary>Writes RGBA pixels to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<Rgba32> pixels, int width, int height) =>
        AtomicFile.WriteAllBytes(path, PngEncoder.Encode(pixels, width, height));

    /// <summary>Writes a grayscale image from samples in [0, 1] (clamped; NaN becomes 0).</summary>
    public static void WriteGray(string path, ReadOnlySpan<double> samples, int width, int height)
    {
        byte[] bytes = new byte[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            double v = samples[i];
            bytes[i] = double.IsNaN(v) ? (byte)0 : Rgba32.ToByte(v * 255);
        }

        Write(path, bytes, width, height, PngColorType.Grayscale);
    }
}
