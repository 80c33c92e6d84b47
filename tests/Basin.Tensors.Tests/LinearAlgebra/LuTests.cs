using Basin.Tensors.LinearAlgebra;

namespace Basin.Tensors.Tests.LinearAlgebra;

public class LuTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    public void InverseTimesAIsIdentity(int n)
    {
        var a = Mat.Random(n, n, (ulong)n);
        var inv = Lu.Inverse(a);
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(inv, a), Tensor.Eye<double>(n)) < 1e-10 * n);
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(a, inv), Tensor.Eye<double>(n)) < 1e-10 * n);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65)]
    [InlineData(200)]
    public void InvertIntoMatchesInverseBitForBitAndReusesItsBuffers(int n)
    {
        var work = new double[n * n + 5];
        var perm = new int[n];
        var got = new double[n * n];
        foreach (ulong seed in new ulong[] { 3, 4 })
        {
            var a = Mat.Random(n, n, seed);
            Lu.InvertInto(a.Span, n, got, work, perm);
            Assert.Equal(Lu.Inverse(a).Span.ToArray(), got);
        }
    }

    [Fact]
    public void InvertIntoRejectsBadInput()
    {
        var ok = new double[9];
        Assert.Throws<ArgumentException>(() => Lu.InvertInto(new double[9], 3, new double[8], ok, new int[3]));
        Assert.Throws<ArgumentException>(() => Lu.InvertInto(new double[9], 3, ok, ok.AsSpan(0, 9).ToArray(), new int[2]));
        Assert.Throws<ArgumentException>(() => Lu.InvertInto(new[] { 1.0, double.NaN, 0, 1 }, 2, new double[4], new double[4], new int[2]));
        Assert.Throws<SingularMatrixException>(() => Lu.InvertInto(new[] { 1.0, 2, 2, 4 }, 2, new double[4], new double[4], new int[2]));
    }

    [Theory]
    [InlineData(5, 3)]
    [InlineData(130, 17)]
    public void SolveResidualIsSmall(int n, int r)
    {
        var a = Mat.Random(n, n, 11);
        var b = Mat.Random(n, r, 12);
        var x = Lu.Factor(a).Solve(b);
        double rel = Mat.Norm(TensorOps.Subtract(Mat.Mul(a, x), b)) / (Mat.Norm(a) * Mat.Norm(x));
        Assert.True(rel < 1e-14, $"relative residual {rel}");
    }

    [Fact]
    public void SolvesVectorRightHandSide()
    {
        var a = Tensor.FromSpan<double>(new double[] { 0, 2, 1, 1, 1, 1, 2, 1, 0 }, 3, 3);
        var x = Lu.Factor(a).Solve(Tensor.FromSpan<double>(new double[] { 3, 3, 3 }, 3));
        Assert.Equal(1, x.Rank);
        for (int i = 0; i < 3; i++) Assert.Equal(1.0, x[i], 12);
    }

    [Fact]
    public void IllConditionedButRegularHasBackwardStableResidual()
    {
        // σ from 1 to 1e-12: cond 1e12.
        int n = 80;
        var sigma = Enumerable.Range(0, n).Select(i => Math.Pow(10, -12.0 * i / (n - 1))).ToArray();
        var a = Mat.WithSingularValues(sigma, 3);
        var b = Mat.Random(n, 4, 4);
        var x = Lu.Factor(a).Solve(b);
        double rel = Mat.Norm(TensorOps.Subtract(Mat.Mul(a, x), b)) / (Mat.Norm(a) * Mat.Norm(x));
        Assert.True(rel < 1e-14, $"relative residual {rel}");
    }

    [Fact]
    public void FloatInputGivesFloatSolution()
    {
        var a = Tensor.Cast<double, float>(Mat.Random(30, 30, 5));
        var b = Tensor.Cast<double, float>(Mat.Random(30, 2, 6));
        var x = Lu.Factor(a).Solve(b);
        var r = TensorOps.Subtract(TensorOps.MatMul(a, x), b);
        Assert.True(TensorOps.Norm(r) < 1e-3f);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(70)]
    [InlineData(131)]
    public void FactorsReproducePermutedMatrixWithMultipliersBoundedByOne(int n)
    {
        // Sizes around the recursive panel's 8-column base blocks and the 64-column panels. |lᵢⱼ| ≤ 1 holds only if every
        // pivot was the largest candidate of its column, so it checks the pivot search fused into the row updates.
        var a = Mat.Random(n, n, 21 + (ulong)n);
        var lu = Lu.Factor(a);
        var pa = new Tensor<double>(n, n);
        for (int i = 0; i < n; i++) a.Row(lu.Permutation[i]).CopyTo(pa.Row(i));
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(lu.L, lu.U), pa) < 1e-12 * n);
        Assert.True(lu.L.Span.ToArray().Max(Math.Abs) <= 1.0);
        Assert.Equal(n, lu.Permutation.ToArray().Distinct().Count());
    }

    [Theory]
    [InlineData(3)]   // a base block narrower than 8 columns: the scalar path
    [InlineData(9)]   // an 8-column base block: the 512-bit path where the machine has it
    public void PivotSearchFindsTheLargestCandidateAfterEachUpdate(int n)
    {
        // Before the first elimination step column 1 holds 8 in row 1 and 7 in row 2; after it (multipliers ½ and −¼ of
        // row 0's 10) they are 3 and 9.5, so the second pivot must be row 2, found on the updated values. The rest of
        // the matrix is the identity.
        var a = Tensor.Eye<double>(n);
        double[] corner = { 4, 10, 0, 2, 8, 0, -1, 7, 1 };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) a.Span[i * n + j] = corner[i * 3 + j];
        var lu = Lu.Factor(a);
        Assert.Equal(new[] { 0, 2, 1 }, lu.Permutation.ToArray()[..3]);
        Assert.True(lu.L.Span.ToArray().Max(Math.Abs) <= 1.0);
    }

    [Fact]
    public void InverseDoesNotDependOnTheThreadCount()
    {
        // The inverse's columns are solved in ranges on separate threads; each column's arithmetic is the same either way.
        if (Basin.Tensors.Blas.Blas.Default is not Basin.Tensors.Blas.ManagedGemm mg || Environment.ProcessorCount < 2) return;
        const int n = 200;
        var a = Mat.Random(n, n, 5);
        var split = Lu.Inverse(a).Span.ToArray();
        int saved = mg.MaxThreads;
        double[] whole;
        try { mg.MaxThreads = 1; whole = Lu.Inverse(a).Span.ToArray(); }
        finally { mg.MaxThreads = saved; }
        Assert.Equal(whole, split);
    }

    [Fact]
    public void DeterminantMatchesKnownAndEigenvalueProduct()
    {
        var a = Tensor.FromSpan<double>(new double[] { 2, 0, 1, 1, 3, 2, 1, 1, 2 }, 3, 3);
        Assert.Equal(6.0, Lu.Factor(a).Determinant, 12);
        var s = Mat.Symmetric(40, 8);
        var lu = Lu.Factor(s);
        var eig = SymmetricEigen.Decompose(s).Values.ToArray();
        double logAbs = eig.Sum(l => Math.Log(Math.Abs(l)));
        int sign = eig.Count(l => l < 0) % 2 == 0 ? 1 : -1;
        Assert.Equal(logAbs, lu.LogAbsDeterminant, 9);
        Assert.Equal(sign, lu.DeterminantSign);
        Assert.Equal(eig.Aggregate(1.0, (p, l) => p * l), lu.Determinant, Math.Abs(lu.Determinant) * 1e-9);
    }

    [Fact]
    public void LogDeterminantStaysFiniteWhereDeterminantOverflows()
    {
        var a = TensorOps.Scale(Tensor.Eye<double>(300), 1e3);
        var lu = Lu.Factor(a);
        Assert.True(double.IsPositiveInfinity(lu.Determinant));
        Assert.Equal(300 * Math.Log(1e3), lu.LogAbsDeterminant, 9);
    }

    [Fact]
    public void SingularMatricesAreDetected()
    {
        var exact = Tensor.FromSpan<double>(new double[] { 1, 2, 2, 4 }, 2, 2);
        Assert.Throws<SingularMatrixException>(() => Lu.Factor(exact));
        var rankDeficient = Mat.Mul(Mat.Random(100, 99, 1), Mat.Random(99, 100, 2));
        var e = Assert.Throws<SingularMatrixException>(() => Lu.Inverse(rankDeficient));
        Assert.Contains("singular", e.Message);
        Assert.Throws<SingularMatrixException>(() => Lu.Factor(new Tensor<double>(3, 3)));
        Assert.Throws<TensorShapeException>(() => Lu.Factor(new Tensor<double>(3, 4)));
        var nan = Tensor.Eye<double>(2); nan[1, 0] = double.NaN;
        Assert.Throws<ArgumentException>(() => Lu.Factor(nan));
    }
}
