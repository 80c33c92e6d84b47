using Basin.Data.Images;
using Basin.Data.Tests.TestSupport;
using SkiaSharp;

namespace Basin.Data.Tests.Images;

public class ImageDecoderTests
{
    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    [Fact]
    public void PngGreyLevelsComeBackAsLuma()
    {
        using var bitmap = new SKBitmap(3, 1);
        bitmap.SetPixel(0, 0, SKColors.Black);
        bitmap.SetPixel(1, 0, new SKColor(255, 0, 0));
        bitmap.SetPixel(2, 0, SKColors.White);
        var g = ImageDecoder.Decode(Encode(bitmap, SKEncodedImageFormat.Png));
        Assert.Equal((3, 1), (g.Width, g.Height));
        Assert.Equal(0f, g[0, 0], 3);
        Assert.Equal(0.299f, g[1, 0], 3);
        Assert.Equal(1f, g[2, 0], 3);
    }

    [Fact]
    public void TransparencyReadsAsWhitePaper()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(2, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.SetPixel(0, 0, SKColors.Transparent);
        bitmap.SetPixel(1, 0, SKColors.Black);
        var g = ImageDecoder.Decode(Encode(bitmap, SKEncodedImageFormat.Png));
        Assert.Equal(1f, g[0, 0], 3);
        Assert.Equal(0f, g[1, 0], 3);
    }

    [Fact]
    public void JpegDecodes()
    {
        var g = ImageDecoder.Decode(DrawnDigit.Seven(240, 180, format: SKEncodedImageFormat.Jpeg));
        Assert.Equal((240, 180), (g.Width, g.Height));
        Assert.InRange(g[2, 2], 0.85f, 0.95f);              // the paper, (235, 232, 225) → 0.91
        Assert.Contains(g.Pixels, p => p < 0.2f);           // the ink
    }

    [Fact]
    public void PgmDecodes()
    {
        var g = ImageDecoder.Decode("P5\n2 1\n255\n"u8.ToArray().Concat(new byte[] { 0, 255 }).ToArray());
        Assert.Equal(new[] { 0f, 1f }, g.Pixels);
        Assert.Equal(new[] { 0.2f, 1f }, ImageDecoder.Decode("P2 2 1 5 1 5"u8).Pixels);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13 })]
    [InlineData(new byte[] { (byte)'P', (byte)'5', (byte)' ', (byte)'9' })]
    public void GarbageIsInvalidData(byte[] bytes) => Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(bytes));

    [Fact]
    public void ReadNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"basin-garbage-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, [1, 2, 3]);
        try { Assert.Contains(path, Assert.Throws<InvalidDataException>(() => ImageDecoder.Read(path)).Message); }
        finally { File.Delete(path); }
        Assert.Throws<FileNotFoundException>(() => ImageDecoder.Read(path));
    }
}
