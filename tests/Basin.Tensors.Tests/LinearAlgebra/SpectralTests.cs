using System.Numerics;
using Basin.Tensors.LinearAlgebra;

namespace Basin.Tensors.Tests.LinearAlgebra;

public class SpectralTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(60)]
    public void SymmetricEigenSatisfiesAvEqualsLambdaV(int n)
    {
        var a = Mat.Symmetric(n, (ulong)n + 100);
        var e = SymmetricEigen.Decompose(a);
        var v = e.Vectors;
        var av = Mat.Mul(a, v);
        for (int j = 0; j < n; j++)
        {
            if (j > 0) Assert.True(e.Values[j - 1] <= e.Values[j]);
            for (int i = 0; i < n; i++) Assert.Equal(e.Values[j] * v[i, j], av[i, j], 10);
        }
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(v.Transpose(), v), Tensor.Eye<double>(n)) < 1e-12);
    }

    [Fact]
    public void SymmetricEigenRejectsAsymmetricInput()
    {
        var a = Mat.Random(4, 4, 1);
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(a));
    }

    [Fact]
    public void GeneralEigenvaluesOfKnownMatrices()
    {
        // Rotation by θ scaled by 2: eigenvalues 2e^{±iθ}.
        double t = 0.3;
        var rot = Tensor.FromSpan<double>(new[] { 2 * Math.Cos(t), -2 * Math.Sin(t), 2 * Math.Sin(t), 2 * Math.Cos(t) }, 2, 2);
        var ev = Eigen.GeneralEigenvalues(rot);
        Assert.Equal(2 * Math.Cos(t), ev[0].Real, 12);
        Assert.Equal(2 * Math.Sin(t), ev[0].Imaginary, 12);
        Assert.Equal(-2 * Math.Sin(t), ev[1].Imaginary, 12);
        var tri = Tensor.FromSpan<double>(new double[] { 1, 5, 7, 0, -2, 3, 0, 0, 4 }, 3, 3);
        var e2 = Eigen.GeneralEigenvalues(tri);
        Assert.Equal(new[] { 4.0, 1.0, -2.0 }, e2.Select(z => Math.Round(z.Real, 10)).ToArray());
    }

    [Fact]
    public void GeneralEigenvaluesSatisfyCharacteristicEquationAndDeterminant()
    {
        int n = 40;
        var a = Mat.Random(n, n, 77);
        var ev = Eigen.GeneralEigenvalues(a);
        Assert.Equal(n, ev.Length);
        var prod = ev.Aggregate(Complex.One, (p, l) => p * l);
        double det = Lu.Factor(a).Determinant;
        Assert.True(Complex.Abs(prod - det) < 1e-8 * Math.Abs(det));
        double trace = Enumerable.Range(0, n).Sum(i => a[i, i]);
        Assert.Equal(trace, ev.Sum(z => z.Real), 9);
        // Each λ makes A − λI singular: smallest singular value of (A − λI) ≈ 0 for real λ.
        foreach (var l in ev.Where(z => z.Imaginary == 0).Take(3))
        {
            var shifted = a.Clone();
            for (int i = 0; i < n; i++) shifted[i, i] -= l.Real;
            Assert.True(Svd.Values(shifted)[n - 1] < 1e-10);
        }
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(40, 12)]
    [InlineData(12, 40)]
    public void SvdReconstructsA(int m, int n)
    {
        var a = Mat.Random(m, n, (ulong)(m + 7 * n));
        var s = Svd.Decompose(a);
        int k = Math.Min(m, n);
        var us = s.U!.Clone();
        for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) us[i, j] *= s.SingularValues[j];
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(us, s.Vt!), a) < 1e-12);
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(s.U!.Transpose(), s.U!), Tensor.Eye<double>(k)) < 1e-12);
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(s.Vt!, s.Vt!.Transpose()), Tensor.Eye<double>(k)) < 1e-12);
        for (int j = 1; j < k; j++) Assert.True(s.SingularValues[j - 1] >= s.SingularValues[j]);
    }

    [Fact]
    public void PowerIterationMatchesLargestSingularValue()
    {
        var sigma = new[] { 5.0, 3.0, 2.0, 1.0, 0.5, 0.1 };
        var a = Mat.WithSingularValues(sigma, 9);
        var r = PowerIteration.SpectralNorm(a);
        Assert.True(r.Converged);
        Assert.Equal(5.0, r.Value, 8);
        var b = Mat.Random(50, 30, 10);
        Assert.Equal(Svd.Values(b)[0], PowerIteration.SpectralNorm(b).Value, 7);
    }

    [Fact]
    public void PowerIterationWorksMatrixFree()
    {
        // L = diag(1..n) applied without a matrix; Lᵀ = L.
        int n = 100;
        void Apply(ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < n; i++) y[i] = (i + 1) * x[i]; }
        var r = PowerIteration.SpectralNorm(Apply, Apply, n, n, new PowerIterationOptions(MaxIterations: 5000, RelativeTolerance: 1e-13));
        Assert.Equal(100.0, r.Value, 6);
    }
}
