using Basin.Tensors.LinearAlgebra;

namespace Basin.Tensors.Tests.LinearAlgebra;

/// <summary>The single-precision instantiation of the blocked LU (16-lane base blocks, float GEMM) and its inverse.</summary>
public class LuSingleTests
{
    /// <summary>A well-conditioned test matrix: 2I plus a Gaussian part of spectral norm about 1.</summary>
    private static double[] WellConditioned(int n, ulong seed)
    {
        var a = Mat.Random(n, n, seed).Span.ToArray();
        double s = 0.5 / Math.Sqrt(n);
        for (int i = 0; i < a.Length; i++) a[i] *= s;
        for (int i = 0; i < n; i++) a[i * n + i] += 2;
        return a;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]    // one 16-column base block: the 512-bit path where the machine has it
    [InlineData(17)]
    [InlineData(65)]
    [InlineData(200)]
    public void FloatInverseAgreesWithTheDoubleInverse(int n)
    {
        var a = WellConditioned(n, 40 + (ulong)n);
        var af = a.Select(v => (float)v).ToArray();
        var ad = af.Select(v => (double)v).ToArray();
        var want = new double[n * n];
        Lu.InvertInto(ad, n, want, new double[n * n], new int[n]);
        var got = new float[n * n];
        Lu.InvertInto(af, n, got, new float[n * n], new int[n]);
        double scale = want.Max(Math.Abs), err = 0;
        for (int i = 0; i < n * n; i++) err = Math.Max(err, Math.Abs(got[i] - want[i]));
        Assert.True(err <= 2e-6 * scale, $"max |X_f − X_d| = {err:E2} against max |X_d| = {scale:G4}");
    }

    [Theory]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(70)]
    [InlineData(131)]
    public void FloatFactorsReproducePermutedMatrixWithMultipliersBoundedByOne(int n)
    {
        // Sizes around the float panel's 16-column base blocks and the 64-column panels, on a matrix that needs pivoting.
        var a = Mat.Random(n, n, 70 + (ulong)n).Span.ToArray().Select(v => (float)v).ToArray();
        var lu = (float[])a.Clone();
        var perm = Enumerable.Range(0, n).ToArray();
        Lu.FactorInPlace(lu, n, perm, Lu.BlockSize);
        double maxL = 0, err = 0, maxA = a.Max(Math.Abs);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k <= Math.Min(i, j); k++)
                    s += (k == i ? 1.0 : lu[i * n + k]) * (k <= j ? lu[k * n + j] : 0);
                err = Math.Max(err, Math.Abs(s - a[perm[i] * n + j]));
                if (j < i) maxL = Math.Max(maxL, Math.Abs(lu[i * n + j]));
            }
        Assert.True(maxL <= 1.0, $"max |l_ij| = {maxL}");
        Assert.True(err <= 1e-5 * n * maxA, $"max |LU − PA| = {err:E2}");
        Assert.Equal(n, perm.Distinct().Count());
    }

    [Fact]
    public void FloatInverseDoesNotDependOnTheThreadCount()
    {
        if (Basin.Tensors.Blas.Blas.Default is not Basin.Tensors.Blas.ManagedGemm mg || Environment.ProcessorCount < 2) return;
        const int n = 200;
        var a = WellConditioned(n, 5).Select(v => (float)v).ToArray();
        var split = new float[n * n];
        Lu.InvertInto(a, n, split, new float[n * n], new int[n]);
        int saved = mg.MaxThreads;
        var whole = new float[n * n];
        try { mg.MaxThreads = 1; Lu.InvertInto(a, n, whole, new float[n * n], new int[n]); }
        finally { mg.MaxThreads = saved; }
        Assert.Equal(whole, split);
    }

    [Fact]
    public void FloatInvertIntoRejectsBadInput()
    {
        var ok = new float[9];
        Assert.Throws<ArgumentException>(() => Lu.InvertInto(new float[9], 3, new float[8], ok, new int[3]));
        Assert.Throws<ArgumentException>(() => Lu.InvertInto(new float[9], 3, ok, new float[9], new int[2]));
        Assert.Throws<ArgumentException>(() => Lu.InvertInto(new[] { 1f, float.NaN, 0, 1 }, 2, new float[4], new float[4], new int[2]));
        Assert.Throws<SingularMatrixException>(() => Lu.InvertInto(new[] { 1f, 2, 2, 4 }, 2, new float[4], new float[4], new int[2]));
        var rankDeficient = Mat.Mul(Mat.Random(100, 99, 1), Mat.Random(99, 100, 2)).Span.ToArray().Select(v => (float)v).ToArray();
        Assert.Throws<SingularMatrixException>(() => Lu.InvertInto(rankDeficient, 100, new float[10000], new float[10000], new int[100]));
    }
}
