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
}
