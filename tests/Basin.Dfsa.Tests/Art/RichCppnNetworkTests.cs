using Basin.Dfsa.Art;
using Basin.Dfsa.Networks;
using Basin.Tensors;

namespace Basin.Dfsa.Tests.Art;

public class RichCppnNetworkTests
{
    private static RichCppnNetwork Net(bool tileable, ulong seed = 3) =>
        new(new NetworkSpec(Architecture.Cppn, 2, 3, 12, 4), new RichCppnShape(8, 4, tileable, "rgb"), new Rng(seed));

    [Fact]
    public void ATileableNetworkIsPeriodicInBothCoordinates()
    {
        var net = Net(true);
        var x = new Tensor<float>(3, 2);
        float[] u = [0.13f, -0.71f, 0.9f], v = [0.4f, 0.05f, -0.33f];
        for (int i = 0; i < 3; i++) { x[i, 0] = u[i]; x[i, 1] = v[i]; }
        var shifted = new Tensor<float>(3, 2);
        for (int i = 0; i < 3; i++) { shifted[i, 0] = u[i] + 2; shifted[i, 1] = v[i] - 2; }
        var a = net.Evaluate(x);
        var b = net.Evaluate(shifted);
        for (int i = 0; i < 3; i++)
            for (int c = 0; c < 3; c++) Assert.Equal(a[i, c], b[i, c], 4);
    }

    [Fact]
    public void TheRadialFeatureBreaksPeriodicityWhenNotTileable()
    {
        var net = Net(false);
        var x = new Tensor<float>(1, 2);
        var y = new Tensor<float>(1, 2);
        x[0, 0] = 0.2f; y[0, 0] = 2.2f;
        Assert.NotEqual(net.Evaluate(x)[0, 0], net.Evaluate(y)[0, 0]);
    }

    [Fact]
    public void HsvPrimariesMapToRgbPrimaries()
    {
        float[] px = [0, 1, 1, 1f / 3, 1, 1, 2f / 3, 1, 1, 0.5f, 0, 0.25f];
        RichCppnNetwork.HsvToRgb(px);
        Assert.Equal([1f, 0, 0, 0, 1, 0, 0, 0, 1, 0.25f, 0.25f, 0.25f], px.Select(v => MathF.Round(v, 5)).ToArray());
    }

    [Fact]
    public void SeedDecidesTheFeatures()
    {
        Assert.Equal(Net(false, 4).Buffers()["freq"].Span.ToArray(), Net(false, 4).Buffers()["freq"].Span.ToArray());
        Assert.NotEqual(Net(false, 4).Buffers()["freq"].Span.ToArray(), Net(false, 5).Buffers()["freq"].Span.ToArray());
    }
}
