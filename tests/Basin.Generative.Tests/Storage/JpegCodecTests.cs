using Basin.Generative.Storage;

namespace Basin.Generative.Tests.Storage;

public class JpegCodecTests
{
    [Fact]
    public void MatchedJpegFitsItsBudgetAndMoreBytesBuyQuality()
    {
        const int n = 48;
        var img = Enumerable.Range(0, n * n).Select(i => (float)(0.5 + 0.45 * Math.Sin((i % n) * 0.4) * Math.Cos((i / n) * 0.23))).ToArray();
        var (q1, small) = JpegCodec.AtBytes(img, n, n, 900);
        var (q2, large) = JpegCodec.AtBytes(img, n, n, 2500);
        Assert.True(small.Length <= 900 && large.Length <= 2500, $"{small.Length} / {large.Length} bytes");
        Assert.True(q2 > q1);
        Assert.True(ImageQuality.Psnr(img, JpegCodec.Decode(large, n, n)) > ImageQuality.Psnr(img, JpegCodec.Decode(small, n, n)));
    }
}
