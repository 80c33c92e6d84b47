using Basin.Autodiff;
using Basin.Dfsa.Art;
using Basin.Tensors;

namespace Basin.Dfsa.Tests.Art;

public class SineOpTests
{
    [Fact]
    public void GradientIsTheCosine()
    {
        var tape = new Tape<float>();
        var x = new Tensor<float>(5);
        for (int i = 0; i < 5; i++) x[i] = -2 + i;
        var v = tape.Input(x, requiresGrad: true);
        var y = SineOp.Sin(v);
        tape.Backward(y.Sum());
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(MathF.Sin(x[i]), y.Value[i], 5);
            Assert.Equal(MathF.Cos(x[i]), v.Grad![i], 5);
        }
    }
}
