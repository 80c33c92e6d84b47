using Basin.Generative.Imaging;

namespace Basin.Generative.Tests.Imaging;

public class Png16EncoderTests
{
    [Fact]
    public void SixteenBitSamplesRoundTripExactly()
    {
        var s = Enumerable.Range(0, 37 * 11).Select(i => (ushort)(i * 977 % 65536)).ToArray();
        var png = Png16Encoder.Encode(s, 37, 11);
        var (back, w, h) = Png16Encoder.Decode(png);
        Assert.Equal((37, 11), (w, h));
        Assert.Equal(s, back);
        Assert.Equal(png, Png16Encoder.Encode(s, 37, 11));
        var ihdr = PngChunks.Read(png)[0];
        Assert.Equal(("IHDR", 16, 0), (ihdr.Type, (int)ihdr.Data[8], (int)ihdr.Data[9]));
    }

    [Fact]
    public void ACorruptedChunkIsRejected()
    {
        var png = Png16Encoder.Encode(new ushort[16], 4, 4);
        png[^20] ^= 1;
        Assert.Throws<InvalidDataException>(() => Png16Encoder.Decode(png));
    }
}
