using Basin.Tensors.LinearAlgebra;

namespace Basin.Tensors.Tests.LinearAlgebra;

public class QrTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(50, 12)]
    [InlineData(12, 30)]
    [InlineData(120, 120)]
    public void FactorsAreOrthonormalTriangularAndReproduceA(int m, int n)
    {
        var a = Mat.Random(m, n, (ulong)(m * 1000 + n));
        var qr = Qr.Factor(a);
        var q = qr.Q; var r = qr.R;
        int k = Math.Min(m, n);
        Assert.Equal(new[] { m, k }, q.Shape.ToArray());
        Assert.Equal(new[] { k, n }, r.Shape.ToArray());
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(q.Transpose(), q), Tensor.Eye<double>(k)) < 1e-13);
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(q, r), a) < 1e-12);
        for (int i = 0; i < k; i++)
        {
            Assert.True(r[i, i] >= 0, $"r[{i},{i}] = {r[i, i]}");
            for (int j = 0; j < Math.Min(i, n); j++) Assert.Equal(0.0, r[i, j]);
        }
    }

    [Fact]
    public void SignConventionHandlesNegativeAndZeroColumns()
    {
        var a = Tensor.FromSpan<double>(new double[] { -3, 0, 1, 0, 0, 0, 0, 0, -2 }, 3, 3);
        var qr = Qr.Factor(a);
        var r = qr.R;
        for (int i = 0; i < 3; i++) Assert.True(r[i, i] >= 0);
        Assert.Equal(3.0, r[0, 0], 14);
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(qr.Q, r), a) < 1e-14);
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(qr.Q.Transpose(), qr.Q), Tensor.Eye<double>(3)) < 1e-14);
    }

    [Fact]
    public void OrthonormalizeSpansAttractorPatterns()
    {
        // SA-nODE layout: N = 49, K = 5, b = ⌊N/(K+2)⌋, +a everywhere except −a on block k.
        int n = 49, kk = 5, b = n / (kk + 2);
        var phi = new Tensor<double>(n, kk);
        for (int k = 0; k < kk; k++)
            for (int i = 0; i < n; i++) phi[i, k] = i >= k * b && i < (k + 1) * b ? -0.5 : 0.5;
        var q = Qr.Orthonormalize(phi);
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(q.Transpose(), q), Tensor.Eye<double>(kk)) < 1e-14);
        // Each pattern lies in span(Q): ‖QQᵀφ − φ‖ ≈ 0.
        Assert.True(Mat.MaxAbsDiff(Mat.Mul(q, Mat.Mul(q.Transpose(), phi)), phi) < 1e-14);
        // diag R > 0 ⇒ first column of Q is the normalised first pattern.
        double norm = Math.Sqrt(Enumerable.Range(0, n).Sum(i => phi[i, 0] * phi[i, 0]));
        for (int i = 0; i < n; i++) Assert.Equal(phi[i, 0] / norm, q[i, 0], 14);
    }

    [Fact]
    public void OrthonormalizeRejectsDependentColumns()
    {
        var a = Mat.Random(10, 3, 4);
        for (int i = 0; i < 10; i++) a[i, 2] = a[i, 0] - 2 * a[i, 1];
        var e = Assert.Throws<ArgumentException>(() => Qr.Orthonormalize(a));
        Assert.Contains("column 2", e.Message);
        Assert.Throws<TensorShapeException>(() => Qr.Orthonormalize(Mat.Random(3, 4, 1)));
    }
}
