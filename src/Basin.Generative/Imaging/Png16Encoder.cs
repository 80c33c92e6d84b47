using System.Buffers.Binary;
using System.IO.Compression;

namespace Basin.Generative.Imaging;

/// <summary>
/// 16-bit greyscale PNG (colour type 0, bit depth 16; samples big-endian, PNG specification §7.1) for heightmaps, and
/// its reader. Scanlines use filter 2 (Up), which suits smooth fields; the zlib stream is deterministic, so the same
/// samples give the same bytes.
/// </summary>
public static class Png16Encoder
{
    /// <summary>Encodes row-major 16-bit samples.</summary>
    public static byte[] Encode(ReadOnlySpan<ushort> samples, int width, int height)
    {
        if (width < 1 || height < 1 || samples.Length != width * height) throw new ArgumentException($"{samples.Length} samples do not make a {width}×{height} image.");
        using var ms = new MemoryStream();
        ms.Write(PngChunks.Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 16;
        ihdr[9] = 0;
        PngChunks.Write(ms, "IHDR", ihdr);
        using var z = new MemoryStream();
        using (var zlib = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + 2 * width];
            row[0] = 2;
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int v = samples[y * width + x], up = y > 0 ? samples[(y - 1) * width + x] : 0;
                    row[1 + 2 * x] = (byte)((v >> 8) - (up >> 8));
                    row[2 + 2 * x] = (byte)((v & 0xFF) - (up & 0xFF));
                }
                zlib.Write(row);
            }
        }
        PngChunks.Write(ms, "IDAT", z.ToArray());
        PngChunks.Write(ms, "IEND", []);
        return ms.ToArray();
    }

    /// <summary>Decodes a file written by <see cref="Encode"/> (16-bit greyscale, any of the five filters).</summary>
    public static (ushort[] Samples, int Width, int Height) Decode(ReadOnlySpan<byte> file)
    {
        var chunks = PngChunks.Read(file);
        var ihdr = chunks.FirstOrDefault(c => c.Type == "IHDR")?.Data ?? throw new InvalidDataException("PNG without IHDR");
        int w = BinaryPrimitives.ReadInt32BigEndian(ihdr), h = BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4));
        if (ihdr[8] != 16 || ihdr[9] != 0) throw new InvalidDataException("not a 16-bit greyscale PNG");
        using var z = new ZLibStream(new MemoryStream([.. chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data)]), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var data = raw.ToArray();
        int stride = 2 * w;
        if (data.Length != h * (stride + 1)) throw new InvalidDataException("PNG image data has the wrong length");
        var prev = new byte[stride];
        var cur = new byte[stride];
        var samples = new ushort[w * h];
        for (int y = 0; y < h; y++)
        {
            int f = data[y * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= 2 ? cur[i - 2] : 0, b = prev[i], c = i >= 2 ? prev[i - 2] : 0;
                int pred = f switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) >> 1, 4 => Paeth(a, b, c), _ => throw new InvalidDataException($"bad PNG filter {f}") };
                cur[i] = (byte)(data[y * (stride + 1) + 1 + i] + pred);
            }
            for (int x = 0; x < w; x++) samples[y * w + x] = (ushort)(cur[2 * x] << 8 | cur[2 * x + 1]);
            (prev, cur) = (cur, prev);
        }
        return (samples, w, h);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
