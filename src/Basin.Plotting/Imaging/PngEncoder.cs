using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Basin.Plotting;

/// <summary>
/// Encodes 8-bit, non-interlaced PNG images (W3C PNG specification, 3rd ed.): signature, IHDR, one or more
/// IDAT chunks holding a zlib stream (RFC 1950, via <see cref="ZLibStream"/>) of the filtered scanlines, IEND.
/// Each scanline gets the filter (0–4) that minimises the sum of absolute filtered bytes, the usual heuristic
/// (specification §12.8). The output is a pure function of the pixels: no timestamps, no text chunks, so the
/// same pixels give byte-identical files.
/// </summary>
public static class PngEncoder
{
    /// <summary>The 8-byte PNG file signature.</summary>
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    private const int MaxIdatChunk = 1 << 20;

    /// <summary>Encodes row-major interleaved pixels (no padding) and returns the PNG file's bytes.</summary>
    /// <exception cref="ArgumentException">Non-positive size, unsupported colour type, or wrong pixel count.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType)
    {
        using var output = new MemoryStream();
        Encode(output, pixels, width, height, colorType);
        return output.ToArray();
    }

    /// <summary>Encodes an RGBA image held as <see cref="Rgba32"/> pixels.</summary>
    public static byte[] Encode(ReadOnlySpan<Rgba32> pixels, int width, int height) =>
        Encode(MemoryMarshal.AsBytes(pixels), width, height, PngColorType.Rgba);

    /// <summary>Encodes row-major interleaved pixels to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">Non-positive size, unsupported colour type, or wrong pixel count.</exception>
    public static void Encode(Stream output, ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType)
    {
        ArgumentNullException.ThrowIfNull(output);
        int channels = ChannelsOf(colorType);
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"PNG size must be positive, got {width}×{height}.", nameof(width));
        }

        long stride = (long)width * channels;
        if (stride * height > int.MaxValue / 2)
        {
            throw new ArgumentException($"PNG of {width}×{height} is too large.", nameof(width));
        }

        if (pixels.Length != stride * height)
        {
            throw new ArgumentException(
                $"Expected {stride * height} bytes for a {width}×{height} {colorType} image, got {pixels.Length}.", nameof(pixels));
        }

        output.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8;
        ihdr[9] = (byte)colorType;
        ihdr[10] = 0;
        ihdr[11] = 0;
        ihdr[12] = 0;
        WriteChunk(output, "IHDR"u8, ihdr);

        byte[] compressed = CompressScanlines(pixels, (int)stride, height, channels);
        for (int offset = 0; offset < compressed.Length; offset += MaxIdatChunk)
        {
            int length = Math.Min(MaxIdatChunk, compressed.Length - offset);
            WriteChunk(output, "IDAT"u8, compressed.AsSpan(offset, length));
        }

        WriteChunk(output, "IEND"u8, []);
    }

    internal static int ChannelsOf(PngColorType colorType) => colorType switch
    {
        PngColorType.Grayscale => 1,
        PngColorType.Rgb => 3,
        PngColorType.Rgba => 4,
        _ => throw new ArgumentException($"Colour type {colorType} cannot be encoded; use Grayscale, Rgb or Rgba.", nameof(colorType)),
    };

    private static byte[] CompressScanlines(ReadOnlySpan<byte> pixels, int stride, int height, int bpp)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            byte[] candidates = new byte[5 * (stride + 1)];
            byte[] zeroRow = new byte[stride];
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<byte> row = pixels.Slice(y * stride, stride);
                ReadOnlySpan<byte> prior = y == 0 ? zeroRow : pixels.Slice((y - 1) * stride, stride);
                int best = 0;
                long bestScore = long.MaxValue;
                for (int filter = 0; filter < 5; filter++)
                {
                    Span<byte> dst = candidates.AsSpan(filter * (stride + 1), stride + 1);
                    long score = ApplyFilter(filter, row, prior, bpp, dst);
                    if (score < bestScore)
                    {
                        bestScore = score;
                        best = filter;
                    }
                }

                zlib.Write(candidates, best * (stride + 1), stride + 1);
            }
        }

        return buffer.ToArray();
    }

    private static long ApplyFilter(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> dst)
    {
        dst[0] = (byte)filter;
        long score = 0;
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0;
            int b = prior[i];
            int c = i >= bpp ? prior[i - bpp] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => Paeth(a, b, c),
            };
            byte value = (byte)(row[i] - predictor);
            dst[i + 1] = value;
            score += value < 128 ? value : 256 - value;
        }

        return score;
    }

    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        uint crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
