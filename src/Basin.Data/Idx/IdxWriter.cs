using System.Buffers.Binary;
using System.IO.Compression;

namespace Basin.Data;

/// <summary>
/// Writes unsigned-byte IDX files (the format <see cref="IdxReader"/> reads), plain or gzip-compressed.
/// </summary>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="data"/> with the given dimensions (outermost first).</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> data, ReadOnlySpan<int> dimensions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (dimensions.Length is 0 or > IdxReader.MaxDimensions)
            throw new ArgumentException($"An IDX array needs 1..{IdxReader.MaxDimensions} dimensions.", nameof(dimensions));
        long total = 1;
        foreach (int d in dimensions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(dimensions));
            total *= d;
        }
        if (total != data.Length)
            throw new ArgumentException($"Dimensions {string.Join('×', dimensions.ToArray())} = {total} values, but {data.Length} were given.", nameof(data));

        Span<byte> header = stackalloc byte[4 + 4 * IdxReader.MaxDimensions];
        header = header[..(4 + 4 * dimensions.Length)];
        header[0] = 0;
        header[1] = 0;
        header[2] = IdxFormat.UnsignedByte;
        header[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(header.Slice(4 + 4 * d, 4), dimensions[d]);
        stream.Write(header);
        stream.Write(data);
    }

    /// <summary>Writes an idx3 image stream: <paramref name="count"/> images of rows × cols bytes.</summary>
    public static void WriteImages(Stream stream, ReadOnlySpan<byte> pixels, int count, int rows, int cols) =>
        Write(stream, pixels, [count, rows, cols]);

    /// <summary>Writes an idx1 label stream.</summary>
    public static void WriteLabels(Stream stream, ReadOnlySpan<byte> labels) =>
        Write(stream, labels, [labels.Length]);

    /// <summary>Writes an IDX file, gzip-compressed when <paramref name="gzip"/> is true.</summary>
    public static void WriteFile(string path, ReadOnlySpan<byte> data, ReadOnlySpan<int> dimensions, bool gzip = false)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        if (gzip)
        {
            using var z = new GZipStream(file, CompressionLevel.Optimal);
            Write(z, data, dimensions);
        }
        else
        {
            Write(file, data, dimensions);
        }
    }

    /// <summary>
    /// Writes a dataset as an idx3 image file and an idx1 label file; pixels are quantised to
    /// round(255·p). Labels must fit a byte, which <see cref="LabeledImages"/> guarantees.
    /// </summary>
    public static void WriteLabeledImages(LabeledImages images, string imagesPath, string labelsPath, bool gzip = false)
    {
        ArgumentNullException.ThrowIfNull(images);
        WriteFile(imagesPath, Quantize(images.Pixels), [images.Count, images.Rows, images.Cols], gzip);
        WriteFile(labelsPath, images.Labels, [images.Count], gzip);
    }

    /// <summary>Maps values in [0, 1] to bytes round(255·p), clamping values outside that range.</summary>
    public static byte[] Quantize(ReadOnlySpan<float> pixels)
    {
        var bytes = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
            bytes[i] = (byte)Math.Clamp(MathF.Round(pixels[i] * 255f), 0f, 255f);
        return bytes;
    }
}
