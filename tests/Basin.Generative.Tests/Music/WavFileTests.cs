using Basin.Generative.Music;

namespace Basin.Generative.Tests.Music;

public class WavFileTests
{
    [Fact]
    public void SamplesRoundTripToSixteenBits()
    {
        float[] s = [0, 0.5f, -0.5f, 1, -1, 0.25f];
        var a = WavFile.Decode(WavFile.Encode(s, 8000));
        Assert.Equal(8000, a.SampleRate);
        for (int i = 0; i < s.Length; i++) Assert.Equal(s[i], a.Samples[i], 1e-4);
    }

    [Fact]
    public void TruncatedFilesAreRejected()
    {
        var b = WavFile.Encode(new float[100], 8000);
        Assert.Throws<InvalidDataException>(() => WavFile.Decode(b.AsSpan(0, 60)));
    }
}
