using Basin.Tensors;

namespace Basin.Tensors.Tests;

public class TensorTests
{
    private static Tensor<double> Iota(params int[] shape)
    {
        var t = new Tensor<double>(shape);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = i;
        return t;
    }

    [Fact]
    public void RowMajorLayoutAndIndexing()
    {
        var t = Iota(2, 3, 4);
        Assert.Equal(new[] { 12, 4, 1 }, t.Strides.ToArray());
        Assert.Equal(1 * 12 + 2 * 4 + 3, t[1, 2, 3]);
        Assert.True(t.IsContiguous);
    }

    [Fact]
    public void TransposeIsAViewAndClonePacksIt()
    {
        var m = Iota(2, 3);
        var t = m.Transpose();
        Assert.False(t.IsContiguous);
        Assert.Same(m.Buffer, t.Buffer);
        Assert.Equal(m[1, 2], t[2, 1]);
        var p = t.Clone();
        Assert.True(p.IsContiguous);
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, p.ToArray());
    }

    [Fact]
    public void SliceSharesStorage()
    {
        var m = Iota(4, 3);
        var rows = m.Slice(0, 1, 2);
        Assert.True(rows.IsContiguous);
        Assert.Equal(new double[] { 3, 4, 5, 6, 7, 8 }, rows.ToArray());
        var cols = m.Slice(1, 1, 1);
        Assert.False(cols.IsContiguous);
        Assert.Equal(new double[] { 1, 4, 7, 10 }, cols.ToArray());
        cols.Fill(-1);
        Assert.Equal(-1, m[2, 1]);
        Assert.Equal(6, m[2, 0]);
    }

    [Fact]
    public void ReshapeInfersAndValidates()
    {
        var t = Iota(2, 6);
        Assert.Equal(new[] { 3, 4 }, t.Reshape(3, -1).Shape.ToArray());
        Assert.Throws<TensorShapeException>(() => t.Reshape(5, -1));
        Assert.Throws<TensorShapeException>(() => t.Reshape(-1, -1));
        var tr = t.Transpose().Reshape(12);
        Assert.Equal(6, tr[1]);
    }

    [Fact]
    public void BadShapesGiveClearErrors()
    {
        var e = Assert.Throws<TensorShapeException>(() => TensorOps.Add(Iota(2, 3), Iota(3, 2)));
        Assert.Contains("[2×3]", e.Message);
        Assert.Contains("[3×2]", e.Message);
        Assert.Throws<TensorShapeException>(() => TensorOps.MatMul(Iota(2, 3), Iota(2, 3)));
        Assert.Throws<TensorShapeException>(() => new Tensor<float>(new float[3], 2, 2));
        Assert.Throws<IndexOutOfRangeException>(() => Iota(2, 2)[2, 0]);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMulHandlesTransposedViews(bool ta, bool tb)
    {
        var rng = new Rng(1);
        var a0 = Tensor.Normal(rng, 0.0, 1.0, ta ? 5 : 4, ta ? 4 : 5);
        var b0 = Tensor.Normal(rng, 0.0, 1.0, tb ? 3 : 5, tb ? 5 : 3);
        var a = ta ? a0.Transpose() : a0;
        var b = tb ? b0.Transpose() : b0;
        var c = TensorOps.MatMul(a, b);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
            {
                double s = 0;
                for (int p = 0; p < 5; p++) s += a[i, p] * b[p, j];
                Assert.Equal(s, c[i, j], 12);
            }
    }

    [Fact]
    public void CastRoundTripsThroughFloat()
    {
        var d = Tensor.FromSpan<double>(new[] { 0.5, -2.0, 3.25 }, 3);
        var f = Tensor.Cast<double, float>(d);
        Assert.Equal(new[] { 0.5f, -2f, 3.25f }, f.ToArray());
    }

    /// <summary>Regression (found by the safetensors property test): a packed tensor whose zero extent is not the first
    /// axis was reported non-contiguous, so Span, Clone().Span and SafeTensors.Write threw.</summary>
    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 0, 2)]
    [InlineData(0, 4)]
    public void EmptyTensorsAreContiguous(params int[] shape)
    {
        var t = new Tensor<float>(shape);
        Assert.True(t.IsContiguous);
        Assert.Equal(0, t.Span.Length);
        Assert.Equal(0, t.Clone().Span.Length);
        if (shape.Length >= 2) Assert.Empty(t.Transpose().Contiguous().ToArray());
        var ms = new MemoryStream();
        Basin.Tensors.IO.SafeTensors.Write(ms, new Basin.Tensors.IO.TensorBundle().Add("e", t));
        Assert.Equal(shape, Basin.Tensors.IO.SafeTensors.Read(ms.ToArray()).ShapeOf("e"));
    }
}
