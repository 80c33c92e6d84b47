using Basin.Tensors;
using Xunit;

namespace Basin.Tensors.Tests;

public class SimdOpsTests
{
    // Lengths that exercise the scalar tail after 8-, 16- and 32-wide vector bodies, and the empty span.
    public static TheoryData<int> Lengths => new() { 0, 1, 7, 8, 15, 17, 33, 100, 1003 };

    private static double[] Values(int n, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 4 * r.NextDouble() - 2).ToArray();
    }

    [Theory, MemberData(nameof(Lengths))]
    public void MultiplyAdd_scale_and_add_match_the_scalar_formulas_in_float_and_double(int n)
    {
        var x = Values(n, 1); var y = Values(n, 2);
        var yd = (double[])y.Clone();
        SimdOps.MultiplyAddInPlace<double>(x, 0.3, yd);
        var yf = y.Select(v => (float)v).ToArray();
        SimdOps.MultiplyAddInPlace<float>(x.Select(v => (float)v).ToArray(), 0.3f, yf);
        var s = new double[n]; SimdOps.Scale<double>(x, -1.5, s);
        var a = (double[])y.Clone(); SimdOps.AddInPlace<double>(x, a);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(y[i] + 0.3 * x[i], yd[i], 14);
            Assert.Equal((float)y[i] + 0.3f * (float)x[i], yf[i], 5);
            Assert.Equal(-1.5 * x[i], s[i]);
            Assert.Equal(y[i] + x[i], a[i]);
        }
    }

    [Fact]
    public void In_place_aliasing_is_allowed()
    {
        var y = Values(37, 3);
        var expected = y.Select(v => v + 2 * v).ToArray();
        SimdOps.MultiplyAddInPlace<double>(y, 2, y);
        Assert.Equal(expected, y);
        SimdOps.Scale<double>(y, 0.5, y);
        Assert.Equal(expected.Select(v => 0.5 * v), y);
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Clamp_limits_both_sides_and_keeps_nan(int n)
    {
        var y = Values(n, 4).Select(v => (float)(3 * v)).ToArray();
        if (n > 5) { y[5] = float.NaN; y[0] = float.PositiveInfinity; y[1] = float.NegativeInfinity; }
        var before = (float[])y.Clone();
        SimdOps.ClampSymmetricInPlace<float>(y, 2.5f);
        for (int i = 0; i < n; i++)
        {
            if (float.IsNaN(before[i])) Assert.True(float.IsNaN(y[i]));
            else Assert.Equal(Math.Clamp(before[i], -2.5f, 2.5f), y[i]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => SimdOps.ClampSymmetricInPlace<float>(y, -1f));
    }

    [Theory, MemberData(nameof(Lengths))]
    public void Mask_zeroes_the_gradient_where_the_state_is_at_the_limit(int n)
    {
        var x = Values(n, 5); var g = Values(n, 6);
        if (n > 3) { x[2] = 1.25; x[3] = -1.25; }
        var masked = (double[])g.Clone();
        SimdOps.ZeroWhereMagnitudeAtLeast<double>(masked, x, 1.25);
        for (int i = 0; i < n; i++) Assert.Equal(Math.Abs(x[i]) >= 1.25 ? 0 : g[i], masked[i]);
        if (n > 3) { Assert.Equal(0, masked[2]); Assert.Equal(0, masked[3]); }
    }

    [Fact]
    public void Short_outputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SimdOps.MultiplyAddInPlace<double>(new double[4], 1, new double[3]));
        Assert.Throws<ArgumentException>(() => SimdOps.Scale<double>(new double[4], 1, new double[3]));
        Assert.Throws<ArgumentException>(() => SimdOps.AddInPlace<double>(new double[4], new double[3]));
        Assert.Throws<ArgumentException>(() => SimdOps.ZeroWhereMagnitudeAtLeast<double>(new double[4], new double[3], 1));
    }
}
