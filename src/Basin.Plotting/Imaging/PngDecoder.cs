using System.Buffers.Binary;
using System.IO.Compression;

namespace Basin.Plotting;

/// <summary>
/// A minimal PNG decoder for round trips and tests: 8-bit, non-interlaced grey, grey+alpha, RGB and RGBA,
/// all five scanline filters. Chunk CRCs are verified; ancillary chunks are skipped.
/// </summary>
public static class PngDecoder
{
    /// <summary>Reads and decodes a PNG file.</summary>
    public static PngImage Read(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Decodes a PNG held in memory.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid PNG (signature, CRC, lengths, zlib).</exception>
    /// <exception cref="NotSupportedException">The PNG is valid but uses a feature this decoder lacks.</exception>
    public static PngImage Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !data[..8].SequenceEqual(PngEncoder.Signature))
        {
            throw new InvalidDataException("Not a PNG: bad signature.");
        }

        int pos = 8;
        int width = 0, height = 0, channels = 0;
        PngColorType colorType = PngColorType.Grayscale;
        bool seenHeader = false, seenEnd = false;
        using var idat = new MemoryStream();
        while (!seenEnd)
        {
            if (pos + 12 > data.Length)
            {
                throw new InvalidDataException("PNG truncated: missing IEND.");
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(data[pos..]);
            if (length < 0 || pos + 12L + length > data.Length)
            {
                throw new InvalidDataException($"PNG chunk at offset {pos} has a bad length {length}.");
            }

            ReadOnlySpan<byte> typeAndData = data.Slice(pos + 4, 4 + length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 8 + length)..]);
            if (Crc32.Compute(typeAndData) != crc)
            {
                throw new InvalidDataException($"PNG chunk at offset {pos} fails its CRC check.");
            }

            ReadOnlySpan<byte> type = typeAndData[..4];
            ReadOnlySpan<byte> body = typeAndData[4..];
            if (type.SequenceEqual("IHDR"u8))
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                if (body[8] != 8)
                {
                    throw new NotSupportedException($"Bit depth {body[8]} is not supported (only 8).");
                }

                colorType = (PngColorType)body[9];
                channels = colorType switch
                {
                    PngColorType.Grayscale => 1,
                    PngColorType.GrayscaleAlpha => 2,
                    PngColorType.Rgb => 3,
                    PngColorType.Rgba => 4,
                    _ => throw new NotSupportedException($"Colour type {body[9]} is not supported."),
                };
                if (body[12] != 0)
                {
                    throw new NotSupportedException("Interlaced PNGs are not supported.");
                }

                if (width <= 0 || height <= 0)
                {
                    throw new InvalidDataException($"PNG has a bad size {width}×{height}.");
                }

                seenHeader = true;
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(body);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                seenEnd = true;
            }

            pos += 12 + length;
        }

        if (!seenHeader)
        {
            throw new InvalidDataException("PNG has no IHDR chunk.");
        }

        // Deflate expands at most 1032:1, so an IHDR that declares more pixels than the IDAT data can hold is refused
        // before its buffers are allocated (a 100 000 × 100 000 header in a 100-byte file must not allocate 10 GB).
        long expected = ((long)width * channels + 1) * height;
        if (expected > Array.MaxLength || expected > 1032L * idat.Length + 64)
        {
            throw new InvalidDataException($"PNG image data ({idat.Length} bytes) is too short for its {width}×{height} header.");
        }

        int stride = width * channels;
        byte[] filtered = Inflate(idat, expected);
        byte[] pixels = new byte[(long)stride * height];
        Unfilter(filtered, pixels, stride, height, channels);
        return new PngImage(width, height, colorType, pixels);
    }

    private static byte[] Inflate(MemoryStream idat, long expected)
    {
        idat.Position = 0;
        byte[] result = new byte[expected];
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        try
        {
            zlib.ReadExactly(result);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("PNG image data is shorter than its header says.", e);
        }

        return result;
    }

    private static void Unfilter(byte[] filtered, byte[] pixels, int stride, int height, int bpp)
    {
        for (int y = 0; y < height; y++)
        {
            int filter = filtered[y * (stride + 1)];
            ReadOnlySpan<byte> src = filtered.AsSpan((y * (stride + 1)) + 1, stride);
            Span<byte> row = pixels.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> prior = y == 0 ? default : pixels.AsSpan((y - 1) * stride, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0;
                int b = y > 0 ? prior[i] : 0;
                int c = y > 0 && i >= bpp ? prior[i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    4 => PngEncoder.Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Unknown PNG filter type {filter} on row {y}."),
                };
                row[i] = (byte)(src[i] + predictor);
            }
        }
    }
}
