using Basin.Generative.Storage;

namespace Basin.Generative.Tests.Storage;

public class QuantisedCppnTests
{
    [Fact]
    public void EncodedNetworkDecodesToNearlyTheSameImage()
    {
        var shape = new CppnCodecShape(10, 2, 6, 4);
        var net = shape.Create(5);
        var bytes = QuantisedCppn.Encode(net, shape, 5, 24, 20);
        int parameters = net.Parameters().Sum(p => p.Value.Length);
        Assert.Equal(16 + parameters + 8 * net.Parameters().Count(), bytes.Length);
        var (back, w, h) = QuantisedCppn.Decode(bytes);
        Assert.Equal((24, 20), (w, h));
        Assert.True(ImageQuality.Psnr(CppnFit.Render(net, 24, 20), CppnFit.Render(back, 24, 20)) > 35);
        Assert.Throws<InvalidDataException>(() => QuantisedCppn.Decode(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void FittingApproachesASmoothImage()
    {
        const int n = 24;
        var img = Enumerable.Range(0, n * n).Select(i => (float)(0.5 + 0.4 * Math.Sin(3.0 * (i % n) / n) * Math.Cos(4.0 * (i / n) / n))).ToArray();
        var shape = new CppnCodecShape(12, 2, 8, 3);
        double before = ImageQuality.Psnr(img, CppnFit.Render(shape.Create(1), n, n));
        var net = CppnFit.Fit(img, n, n, new CppnFitOptions(shape, 150, 1e-2));
        double after = ImageQuality.Psnr(img, CppnFit.Render(net, n, n));
        Assert.True(after > before + 10 && after > 25, $"PSNR {before:F1} → {after:F1} dB");
    }
}
