namespace Basin.Plotting.Tests.Imaging;

public class PngDecoderTests
{
    [Fact]
    public void RejectsCorruptedCrc()
    {
        byte[] png = PngEncoder.Encode(new byte[] { 1, 2, 3, 4 }, 2, 2, PngColorType.Grayscale);
        png[20] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));
    }

    [Fact]
    public void RejectsBadSignature() =>
        Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }));

    [Fact]
    public void GetPixelExpandsGray()
    {
        PngImage image = PngDecoder.Decode(PngEncoder.Encode(new byte[] { 0, 128, 255, 7 }, 2, 2, PngColorType.Grayscale));
        Assert.Equal(new Rgba32(128, 128, 128), image.GetPixel(1, 0));
        Assert.Equal(new Rgba32(7, 7, 7), image.GetPixel(1, 1));
    }

    [Fact]
    public void WriterIsAtomicAndLeavesNoTempFiles()
    {
        using var dir = new TempDir();
        string path = dir.File("img.png");
        PngWriter.Write(path, new byte[] { 10, 20, 30 }, 1, 1, PngColorType.Rgb);
        PngWriter.Write(path, new byte[] { 40, 50, 60 }, 1, 1, PngColorType.Rgb);
        Assert.Equal(new Rgba32(40, 50, 60), PngDecoder.Read(path).GetPixel(0, 0));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriteGrayMapsUnitSamples()
    {
        using var dir = new TempDir();
        string path = dir.File("g.png");
        PngWriter.WriteGray(path, new[] { 0.0, 1.0, 0.5, double.NaN }, 2, 2);
        PngImage image = PngDecoder.Read(path);
        Assert.Equal(new byte[] { 0, 255, 128, 0 }, image.Pixels);
    }
}
