using Basin.Generative.Imaging;
using Basin.Plotting;

namespace Basin.Generative.Tests.Imaging;

public class ApngEncoderTests
{
    private static Rgba32[] Frame(int k) => Enumerable.Range(0, 12 * 9).Select(i => new Rgba32((byte)(i * 3 + k * 40), (byte)k, (byte)(255 - i))).ToArray();

    [Fact]
    public void FramesDecodeBackWithCountLoopAndSequenceNumbers()
    {
        var frames = Enumerable.Range(0, 5).Select(Frame).ToList();
        var bytes = ApngEncoder.Encode(frames, 12, 9, 40);
        var a = ApngFile.Decode(bytes);
        Assert.Equal((12, 9, 0), (a.Width, a.Height, a.Plays));
        Assert.Equal(5, a.Frames.Count);
        for (int k = 0; k < 5; k++)
            for (int i = 0; i < frames[k].Length; i++) Assert.Equal(frames[k][i], a.Frames[k].GetPixel(i % 12, i / 12));
        Assert.All(a.DelaysMs, d => Assert.Equal(40, d, 6));
        var types = PngChunks.Read(bytes).Select(c => c.Type).ToList();
        Assert.Equal(["IHDR", "acTL", "fcTL", "IDAT"], types.Take(4));
        Assert.Equal(4, types.Count(t => t == "fdAT"));
        Assert.Equal(bytes, ApngEncoder.Encode(frames, 12, 9, 40));
    }

    [Fact]
    public void APlainPngIsNotAnAnimation()
    {
        var png = PngEncoder.Encode(Frame(0), 12, 9);
        Assert.Throws<InvalidDataException>(() => ApngFile.Decode(png));
    }
}
