using Basin.Tensors.Init;

namespace Basin.Tensors.Tests.Init;

public class InitializersTests
{
    [Theory]
    [InlineData(10, 10, 1.0)]
    [InlineData(49, 44, 1.15)]
    [InlineData(200, 7, 2.0)]
    public void OrthogonalColumnsHaveGramGainSquaredIdentity(int rows, int cols, double gain)
    {
        var w = Initializers.Orthogonal<double>(rows, cols, gain, new Rng(3));
        var g = TensorOps.MatMul(w.Transpose(), w);
        Assert.True(TensorOps.MaxAbsDiff(g, TensorOps.Scale(Tensor.Eye<double>(cols), gain * gain)) < 1e-12);
    }

    [Fact]
    public void OrthogonalWideMatrixHasOrthonormalRows()
    {
        var w = Initializers.Orthogonal<float>(5, 40, 1.0, new Rng(4));
        var g = TensorOps.MatMul(w, w.Transpose());
        Assert.True(TensorOps.MaxAbsDiff(g, Tensor.Eye<float>(5)) < 1e-5f);
    }

    [Fact]
    public void SameSeedSameWeightsDifferentSeedDifferentWeights()
    {
        var a = Initializers.Orthogonal<double>(30, 20, 1.15, new Rng(42));
        var b = Initializers.Orthogonal<double>(30, 20, 1.15, new Rng(42));
        var c = Initializers.Orthogonal<double>(30, 20, 1.15, new Rng(43));
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.NotEqual(a.ToArray(), c.ToArray());
        Assert.Equal(Initializers.GlorotUniform<float>(8, 9, new Rng(1)).ToArray(), Initializers.GlorotUniform<float>(8, 9, new Rng(1)).ToArray());
        Assert.Equal(Initializers.HeNormal<double>(8, 9, new Rng(1)).ToArray(), Initializers.HeNormal<double>(8, 9, new Rng(1)).ToArray());
    }

    [Fact]
    public void OrthogonalIsNotBiasedInSign()
    {
        // Q·sign(diag R) is Haar distributed: the mean of the diagonal over many draws is near 0.
        var rng = new Rng(5);
        double sum = 0;
        for (int t = 0; t < 200; t++) sum += Initializers.Orthogonal<double>(4, 4, 1, rng)[0, 0];
        Assert.True(Math.Abs(sum / 200) < 0.15);
    }

    [Fact]
    public void GlorotAndHeHaveTheirScale()
    {
        var g = Initializers.GlorotUniform<double>(300, 200, new Rng(6));
        double bound = Math.Sqrt(6.0 / 500);
        Assert.All(g.ToArray(), v => Assert.InRange(v, -bound, bound));
        double varG = g.ToArray().Select(v => v * v).Average();
        Assert.Equal(bound * bound / 3, varG, 3);
        var h = Initializers.HeNormal<double>(300, 200, new Rng(7));
        double varH = h.ToArray().Select(v => v * v).Average();
        Assert.Equal(2.0 / 200, varH, 3);
        var u = Initializers.Uniform<float>(10, 10, -1f, 1f, new Rng(8));
        Assert.All(u.ToArray(), v => Assert.InRange(v, -1f, 1f));
        var n = Initializers.Normal<double>(100, 100, -5, 1, new Rng(9));
        Assert.Equal(-5, n.ToArray().Average(), 1);
    }
}
