using Basin.Dfsa.Art;
using Basin.Dfsa.Networks;
using Basin.Tensors;

namespace Basin.Dfsa.Tests.Art;

public class CppnRendererTests
{
    [Theory]
    [InlineData(ArtModel.Classic, false)]
    [InlineData(ArtModel.Rich, false)]
    [InlineData(ArtModel.Rich, true)]
    public void FastPathEqualsTheAutodiffForward(ArtModel model, bool tileable)
    {
        var net = ArtGenerator.Create(7, new ArtOptions { Model = model, Hidden = 10, Layers = 4, Rich = new RichCppnShape(6, 3, tileable, "rgb") });
        var rng = new Rng(2);
        const int n = 9000;
        var uv = new float[2 * n];
        rng.FillUniform<float>(uv, -1.2f, 1.2f);
        var x = new Tensor<float>(n, 2);
        uv.CopyTo(x.Span);
        var slow = net.Evaluate(x).Contiguous().Span.ToArray();
        var fast = CppnRenderer.Evaluate(net, uv);
        Assert.Equal(slow.Length, fast.Length);
        int bad = Enumerable.Range(0, slow.Length).FirstOrDefault(i => MathF.Abs(slow[i] - fast[i]) > 1e-4f, -1);
        Assert.True(bad < 0, bad < 0 ? "" : $"index {bad}: autodiff {slow[bad]}, fast {fast[bad]}; {Enumerable.Range(0, slow.Length).Count(i => MathF.Abs(slow[i] - fast[i]) > 1e-4f)} of {slow.Length} differ");
    }
}
