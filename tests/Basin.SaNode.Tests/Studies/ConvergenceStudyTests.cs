using Basin.Data;
using Basin.SaNode.Studies;
using Basin.Tensors;

namespace Basin.SaNode.Tests.Studies;

public class ConvergenceStudyTests
{
    [Fact]
    public void FittedOrdersAreFourForRk4AndOneForEuler()
    {
        var model = new SaNodeModel<double>(new SaNodeConfig { N = 49, K = 5 }, new Rng(4));
        var data = Noise.Corrupt(Letters.Create(2), 0.2, seed: 3);
        var r = ConvergenceStudy.Run(model, data, horizon: 5);
        Assert.InRange(r.Rk4Slope, 3.6, 4.4);
        Assert.InRange(r.EulerSlope, 0.85, 1.2);
        for (int i = 1; i < r.Dts.Length; i++)
        {
            Assert.True(r.Rk4Errors[i] < r.Rk4Errors[i - 1], $"RK4 error does not shrink at Δt = {r.Dts[i]}");
            Assert.True(r.Rk4Errors[i] < r.EulerErrors[i], $"RK4 less accurate than Euler at Δt = {r.Dts[i]}");
        }
        Assert.Equal(r.ReferenceTargetMse, r.Rk4TargetMse[^1], 1e-8);
    }

    [Fact]
    public void SlopeOfAnExactPowerLawIsItsExponent()
    {
        double[] dt = [0.4, 0.2, 0.1, 0.05];
        Assert.Equal(3.0, ConvergenceStudy.Slope(dt, dt.Select(h => 7 * h * h * h).ToArray()), 10);
        Assert.True(double.IsNaN(ConvergenceStudy.Slope(dt, [1e-20, 1e-20, 1e-20, 1e-20])));
    }
}
