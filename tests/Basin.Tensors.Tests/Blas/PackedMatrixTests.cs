using Basin.Tensors.Blas;

namespace Basin.Tensors.Tests.Blas;

/// <summary>A prepacked right operand gives the unpacked GEMM's result bit for bit, on every kernel level, schedule and thread count.</summary>
public sealed class PackedMatrixTests
{
    public static IEnumerable<object[]> Cases() =>
        from kernel in new[] { GemmKernel.Avx512, GemmKernel.Avx2, GemmKernel.Scalar }.Where(ManagedGemm.IsSupported)
        from shape in new[] { (250, 784, 784), (150, 260, 300), (5, 700, 400), (40, 40, 4500), (1, 1, 1), (37, 33, 9) }
        select new object[] { kernel, shape.Item1, shape.Item2, shape.Item3 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesUnpackedBitForBit(GemmKernel kernel, int m, int n, int k)
    {
        foreach (var (tA, tB) in new[] { (false, false), (true, false), (false, true), (true, true) })
            foreach (int threads in new[] { 1, 2 })
            {
                var rng = new Random(m + 7 * n + 13 * k);
                int ldc = n + 3;
                float[] a = Random(m * k, rng), b = Random(k * n, rng), c0 = Random(m * ldc, rng);
                var g = new ManagedGemm(kernel) { MaxThreads = threads };
                var packed = new PackedMatrix<float>(k, n, kernel);
                packed.Pack(tB, b, tB ? k : n);
                float[] want = (float[])c0.Clone(), got = (float[])c0.Clone();
                g.Gemm(tA, tB, m, n, k, 0.7f, a, tA ? m : k, b, tB ? k : n, 0.3f, want, ldc);
                g.Gemm(tA, m, 0.7f, a, tA ? m : k, packed, 0.3f, got, ldc);
                Assert.Equal(want, got);

                double[] ad = Array.ConvertAll(a, x => (double)x), bd = Array.ConvertAll(b, x => (double)x);
                var packedD = new PackedMatrix<double>(k, n, kernel);
                packedD.Pack(tB, bd, tB ? k : n);
                double[] wantD = Array.ConvertAll(c0, x => (double)x), gotD = (double[])wantD.Clone();
                g.Gemm(tA, tB, m, n, k, -1.25, ad, tA ? m : k, bd, tB ? k : n, 0.0, wantD, ldc);
                g.Gemm(tA, m, -1.25, ad, tA ? m : k, packedD, 0.0, gotD, ldc);
                Assert.Equal(wantD, gotD);
            }
    }

    [Fact]
    public void AgreesWithTheDefinition()
    {
        const int m = 19, n = 45, k = 300;
        var rng = new Random(3);
        float[] a = Random(m * k, rng), b = Random(k * n, rng), c = new float[m * n];
        var packed = new PackedMatrix<float>(k, n);
        packed.Pack(false, b, n);
        Basin.Tensors.Blas.Blas.Managed.Gemm(false, m, 1f, a, k, packed, 0f, c, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double)a[i * k + p] * b[p * n + j];
                Assert.Equal(s, c[i * n + j], 1e-3);
            }
    }

    [Fact]
    public void RepackingFollowsANewOperand()
    {
        const int m = 30, n = 50, k = 40;
        var rng = new Random(4);
        float[] a = Random(m * k, rng), b1 = Random(k * n, rng), b2 = Random(k * n, rng);
        var packed = new PackedMatrix<float>(k, n);
        packed.Pack(false, b1, n);
        packed.Pack(false, b2, n);
        float[] want = new float[m * n], got = new float[m * n];
        Basin.Tensors.Blas.Blas.Managed.Gemm(false, false, m, n, k, 1f, a, k, b2, n, 0f, want, n);
        Basin.Tensors.Blas.Blas.Managed.Gemm(false, m, 1f, a, k, packed, 0f, got, n);
        Assert.Equal(want, got);
    }

    [Fact]
    public void RejectsUnpackedMismatchedAndShortInputs()
    {
        var packed = new PackedMatrix<float>(8, 8, GemmKernel.Scalar);
        var c = new float[64];
        var scalar = new ManagedGemm(GemmKernel.Scalar);
        Assert.Throws<ArgumentException>(() => scalar.Gemm(false, 8, 1f, new float[64], 8, packed, 0f, c, 8));
        packed.Pack(false, new float[64], 8);
        Assert.Throws<ArgumentException>(() => scalar.Gemm(false, 8, 1f, new float[63], 8, packed, 0f, c, 8));
        Assert.Throws<ArgumentException>(() => packed.Pack(false, new float[10], 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PackedMatrix<float>(0, 8));
        if (ManagedGemm.IsSupported(GemmKernel.Avx2))
            Assert.Throws<ArgumentException>(() => new ManagedGemm(GemmKernel.Avx2).Gemm(false, 8, 1f, new float[64], 8, packed, 0f, c, 8));
    }

    [Fact]
    public void GenericBlasFallsBackWhenThePackedOperandDoesNotFit()
    {
        const int m = 12, n = 20, k = 16;
        var rng = new Random(6);
        float[] a = Random(m * k, rng), b = Random(k * n, rng);
        var wrongShape = new PackedMatrix<float>(k, n + 1);
        wrongShape.Pack(false, new float[k * (n + 1)], n + 1);
        float[] want = new float[m * n], got = new float[m * n], viaPacked = new float[m * n];
        Basin.Tensors.Blas.Blas.Gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, want, n);
        GenericBlas.Gemm(false, false, m, n, k, 1f, a, k, b, n, wrongShape, 0f, got, n);
        Assert.Equal(want, got);
        var right = GenericBlas.TryCreatePacked<float>(k, n);
        if (right is null) return;   // default provider is not the managed one
        right.Pack(false, b, n);
        GenericBlas.Gemm(false, false, m, n, k, 1f, a, k, b, n, right, 0f, viaPacked, n);
        Assert.Equal(want, viaPacked);
    }

    private static float[] Random(int length, Random rng)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
