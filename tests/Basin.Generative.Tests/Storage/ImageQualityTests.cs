using Basin.Generative.Storage;

namespace Basin.Generative.Tests.Storage;

public class ImageQualityTests
{
    private static float[] Image(int n, int seed)
    {
        var rng = new Rng((ulong)seed);
        return Enumerable.Range(0, n * n).Select(i => (float)(0.3 + 0.4 * Math.Sin(i * 0.37) * rng.NextDouble())).ToArray();
    }

    [Fact]
    public void IdenticalImagesGiveInfinityAndOne()
    {
        var a = Image(20, 1);
        Assert.Equal(double.PositiveInfinity, ImageQuality.Psnr(a, a));
        Assert.Equal(1, ImageQuality.Ssim(a, a, 20, 20), 12);
    }

    [Fact]
    public void AConstantShiftGivesTheClosedFormPsnr()
    {
        var a = Image(16, 2);
        var b = a.Select(v => v + 0.05f).ToArray();
        Assert.Equal(-20 * Math.Log10(0.05), ImageQuality.Psnr(a, b), 3);
    }

    [Fact]
    public void ShiftedConstantImageGivesTheLuminanceTermOfSsim()
    {
        const double c = 0.4, d = 0.1, c1 = 1e-4;
        var a = Enumerable.Repeat((float)c, 15 * 15).ToArray();
        var b = Enumerable.Repeat((float)(c + d), 15 * 15).ToArray();
        Assert.Equal((2 * c * (c + d) + c1) / (c * c + (c + d) * (c + d) + c1), ImageQuality.Ssim(a, b, 15, 15), 5);
    }

    [Fact]
    public void NoiseLowersSsim()
    {
        var a = Image(32, 3);
        var rng = new Rng(9);
        var b = a.Select(v => v + (float)(0.2 * (rng.NextDouble() - 0.5))).ToArray();
        double s = ImageQuality.Ssim(a, b, 32, 32);
        Assert.InRange(s, 0.05, 0.95);
    }
}
