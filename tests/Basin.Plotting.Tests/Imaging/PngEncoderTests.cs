using System.Buffers.Binary;
using System.IO.Compression;

namespace Basin.Plotting.Tests.Imaging;

public class PngEncoderTests
{
    private static byte[] Pattern(int width, int height, int channels, int seed)
    {
        var rng = new Random(seed);
        var pixels = new byte[width * height * channels];
        for (int i = 0; i < pixels.Length; i++)
        {
            // Mix smooth gradients (which favour the Sub/Up/Average/Paeth filters) and noise.
            pixels[i] = (i % 3 == 0) ? (byte)rng.Next(256) : (byte)((i / channels % width) * 7 + (i / (width * channels)) * 3);
        }

        return pixels;
    }

    [Theory]
    [InlineData(PngColorType.Grayscale, 1)]
    [InlineData(PngColorType.Rgb, 3)]
    [InlineData(PngColorType.Rgba, 4)]
    public void RoundTripsThroughDecoder(PngColorType type, int channels)
    {
        foreach ((int w, int h) in new[] { (1, 1), (7, 3), (33, 17) })
        {
            byte[] pixels = Pattern(w, h, channels, w * h);
            PngImage image = PngDecoder.Decode(PngEncoder.Encode(pixels, w, h, type));
            Assert.Equal(w, image.Width);
            Assert.Equal(h, image.Height);
            Assert.Equal(type, image.ColorType);
            Assert.Equal(pixels, image.Pixels);
        }
    }

    [Fact]
    public void SameInputGivesIdenticalBytes()
    {
        byte[] pixels = Pattern(40, 30, 4, 1);
        Assert.Equal(PngEncoder.Encode(pixels, 40, 30, PngColorType.Rgba), PngEncoder.Encode(pixels.ToArray(), 40, 30, PngColorType.Rgba));
    }

    [Fact]
    public void ChunksAreWellFormedWithValidCrcAndZlib()
    {
        byte[] pixels = Pattern(20, 10, 3, 2);
        byte[] png = PngEncoder.Encode(pixels, 20, 10, PngColorType.Rgb);
        Assert.True(png.AsSpan(0, 8).SequenceEqual(PngEncoder.Signature));
        var types = new List<string>();
        var idat = new MemoryStream();
        int pos = 8;
        while (pos < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(crc, Crc32.Compute(png.AsSpan(pos + 4, 4 + length)));
            if (type == "IHDR")
            {
                Assert.Equal(13, length);
                Assert.Equal(20, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos + 8)));
                Assert.Equal(8, png[pos + 16]);
                Assert.Equal(2, png[pos + 17]);
            }

            if (type == "IDAT")
            {
                idat.Write(png, pos + 8, length);
            }

            types.Add(type);
            pos += 12 + length;
        }

        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        Assert.Contains("IDAT", types);

        // zlib (RFC 1950): header check bits, raw deflate body, Adler-32 of the filtered scanlines.
        byte[] z = idat.ToArray();
        Assert.Equal(8, z[0] & 0x0F);
        Assert.Equal(0, ((z[0] << 8) | z[1]) % 31);
        using var inflate = new DeflateStream(new MemoryStream(z, 2, z.Length - 6), CompressionMode.Decompress);
        var raw = new MemoryStream();
        inflate.CopyTo(raw);
        Assert.Equal(10 * (1 + (20 * 3)), raw.Length);
        uint a = 1, b = 0;
        foreach (byte v in raw.ToArray())
        {
            a = (a + v) % 65521;
            b = (b + a) % 65521;
        }

        Assert.Equal((b << 16) | a, BinaryPrimitives.ReadUInt32BigEndian(z.AsSpan(z.Length - 4)));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[4], 0, 1, PngColorType.Rgba));
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[4], 1, -1, PngColorType.Rgba));
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[5], 1, 1, PngColorType.Rgba));
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[2], 1, 1, PngColorType.GrayscaleAlpha));
    }
}
