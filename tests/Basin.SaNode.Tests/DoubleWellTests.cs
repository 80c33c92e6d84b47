using Basin.SaNode;
using Xunit;

namespace Basin.SaNode.Tests;

public class DoubleWellTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(23)]
    [InlineData(1003)]
    public void Vectorised_kernels_match_the_scalar_formulas(int n)
    {
        var r = new Random(n + 1);
        var u = Enumerable.Range(0, n).Select(_ => (float)(2 * r.NextDouble() - 1)).ToArray();
        var c = Enumerable.Range(0, n).Select(_ => (float)(2 * r.NextDouble() - 1)).ToArray();
        var k0 = Enumerable.Range(0, n).Select(_ => (float)r.NextDouble()).ToArray();
        const float g4 = 1.6f, a2 = 0.25f;
        var k = (float[])k0.Clone();
        DoubleWell.AddReaction<float>(u, k, g4, a2);
        var du = (float[])k0.Clone();
        DoubleWell.AddReactionVjp<float>(u, c, du, g4, a2);
        double cot = DoubleWell.ReactionCotangent<float>(u, c, a2), expectedCot = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(k0[i] + g4 * u[i] * (a2 - u[i] * u[i]), k[i], 5);
            Assert.Equal(k0[i] + c[i] * g4 * (a2 - 3 * u[i] * u[i]), du[i], 5);
            expectedCot += (double)c[i] * u[i] * (a2 - u[i] * u[i]);
        }
        Assert.Equal(expectedCot, cot, 4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(2085)]   // more than one 1024-element partial-sum block
    public void Fused_Euler_kernels_match_the_scalar_formulas(int n)
    {
        var r = new Random(n + 7);
        var x = Enumerable.Range(0, n).Select(_ => (float)(3 * r.NextDouble() - 1.5)).ToArray();
        var g = Enumerable.Range(0, n).Select(_ => (float)(2 * r.NextDouble() - 1)).ToArray();
        var lin = Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        const float dt = 0.1f, g4 = 1.6f, a2 = 0.25f, clip = 1.0f;
        var next = (float[])lin.Clone();
        DoubleWell.EulerUpdate<float>(x, next, dt * g4, a2, clip);
        var free = (float[])lin.Clone();
        DoubleWell.EulerUpdate<float>(x, free, dt * g4, a2, 0f);
        var gOut = (float[])lin.Clone();
        var c = new float[n];
        double cot = DoubleWell.EulerAdjoint<float>(x, g, gOut, c, dt, g4, a2), expectedCot = 0;
        var gOut2 = (float[])lin.Clone();
        double cot2 = DoubleWell.EulerAdjoint<float>(x, g, gOut2, Span<float>.Empty, dt, g4, a2);
        int clamped = 0;
        for (int i = 0; i < n; i++)
        {
            float unclamped = lin[i] + x[i] + dt * g4 * x[i] * (a2 - x[i] * x[i]);
            Assert.Equal(unclamped, free[i], 2e-5f);
            Assert.Equal(Math.Clamp(unclamped, -clip, clip), next[i], 2e-5f);
            if (Math.Abs(unclamped) > clip) clamped++;
            float ci = dt * g[i];
            Assert.Equal(ci, c[i]);
            Assert.Equal(lin[i] + g[i] + ci * g4 * (a2 - 3 * x[i] * x[i]), gOut[i], 2e-5f);
            Assert.Equal(gOut[i], gOut2[i]);
            expectedCot += (double)ci * x[i] * (a2 - x[i] * x[i]);
        }
        Assert.Equal(expectedCot, cot, 4);
        Assert.Equal(cot, cot2);
        if (n > 30) Assert.True(clamped > 0, "the test data must make the clamp bite");
    }
}
