using Basin.Data;
using Xunit;

namespace Basin.Data.Tests;

public class ElasticFieldTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(4)]
    public void Kernel_is_normalised_symmetric_and_peaked(double sigma)
    {
        var k = ElasticField.Kernel(sigma);
        Assert.Equal(1.0, k.Sum(v => (double)v), 5);
        int r = k.Length / 2;
        Assert.Equal(Math.Max(1, (int)Math.Ceiling(3 * sigma)), r);
        for (int i = 0; i < r; i++)
        {
            Assert.Equal(k[i], k[^(i + 1)]);
            Assert.True(k[i] < k[i + 1]);
        }
    }

    [Fact]
    public void Smoothing_a_constant_keeps_it_away_from_the_border()
    {
        int rows = 30, cols = 30;
        var src = Enumerable.Repeat(2f, rows * cols).ToArray();
        var tmp = new float[src.Length]; var dst = new float[src.Length];
        var k = ElasticField.Kernel(2);
        ElasticField.Smooth(src, tmp, dst, rows, cols, k);
        Assert.Equal(2f, dst[15 * cols + 15], 4);
        Assert.True(dst[0] < 1.5f, "zero padding lowers the corner");
    }

    [Fact]
    public void Interior_displacements_have_the_predicted_spread()
    {
        // A pixel's smoothed value is Σ_ij k_i k_j u_ij with u ~ U[−1,1] i.i.d., so its standard deviation is
        // α·sqrt(1/3)·Σ_i k_i² (separable kernel); zero mean.
        const int rows = 28, cols = 28;
        const double alpha = 34, sigma = 4;
        var k = ElasticField.Kernel(sigma);
        double predicted = alpha * Math.Sqrt(1.0 / 3) * k.Sum(v => (double)v * v);
        var dx = new float[rows * cols]; var dy = new float[rows * cols];
        var rng = new Random(11);
        double sum = 0, sumSq = 0; int count = 0;
        for (int draw = 0; draw < 4000; draw++)
        {
            ElasticField.Generate(dx, dy, rows, cols, alpha, sigma, rng);
            foreach (var v in new[] { dx[14 * cols + 14], dy[14 * cols + 14] }) { sum += v; sumSq += v * v; count++; }
        }
        double mean = sum / count, sd = Math.Sqrt(sumSq / count - mean * mean);
        Assert.InRange(sd / predicted, 0.95, 1.05);
        Assert.InRange(Math.Abs(mean), 0, 4 * predicted / Math.Sqrt(count));
    }

    [Fact]
    public void Same_seed_gives_the_same_field_and_alpha_scales_it()
    {
        var a = new float[49]; var b = new float[49]; var c = new float[49]; var d = new float[49];
        ElasticField.Generate(a, b, 7, 7, 1, 1.5, new Random(3));
        ElasticField.Generate(c, d, 7, 7, 3, 1.5, new Random(3));
        for (int i = 0; i < 49; i++) { Assert.Equal(3 * a[i], c[i], 5); Assert.Equal(3 * b[i], d[i], 5); }
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var f = new float[10];
        Assert.Throws<ArgumentOutOfRangeException>(() => ElasticField.Generate(f, f, 2, 5, 1, 0, new Random(1)));
        Assert.Throws<ArgumentException>(() => ElasticField.Generate(f, f, 3, 5, 1, 1, new Random(1)));
    }
}
