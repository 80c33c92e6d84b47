using Basin.Autodiff;
using Basin.Dfsa.Estimation;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Terms;
using Basin.Tensors;

namespace Basin.Dfsa.Tests;

/// <summary>Estimators against closed forms on maps whose Jacobian is known.</summary>
public sealed class EstimatorTests
{
    private static (MlpNetwork<double> Net, Tensor<double> W) Linear(int n, int m, ulong seed)
    {
        var net = (MlpNetwork<double>)new NetworkSpec(Architecture.Mlp, n, m, Layers: 0, Activation: "identity").Create<double>(new Rng(seed));
        return (net, net.Parameters().First().Value);
    }

    private static double Value(DfsaTerm term, DfsaNetwork<double> net, EstimatorOptions o, int batch = 64)
    {
        var x = new GaussianInput().Sample<double>(new Rng(1), batch, net.InputDim);
        return term.Evaluate(new TermContext<double>(net, new GaussianInput(), x, new Tape<double>(), new Rng(2), o)).Item();
    }

    [Fact]
    public void FullBasisSensitivityOfALinearMapIsExact()
    {
        var (net, w) = Linear(5, 3, 1);
        double frob = w.Span.ToArray().Sum(v => v * v);
        Assert.Equal(frob / 3, Value(new SensitivityTerm(), net, new EstimatorOptions()), 9);
    }

    [Fact]
    public void HutchinsonSensitivityIsUnbiased()
    {
        var (net, w) = Linear(12, 4, 2);
        double frob = w.Span.ToArray().Sum(v => v * v) / 4;
        double est = Value(new SensitivityTerm(), net, new EstimatorOptions { Mode = JacobianMode.Hutchinson, Probes = 8 }, batch: 512);
        Assert.InRange(est, 0.95 * frob, 1.05 * frob);
    }

    [Fact]
    public void OrthogonalMapsHaveZeroOrthogonalityAndUnitVolume()
    {
        var (net, w) = Linear(4, 4, 3);
        var q = Basin.Tensors.LinearAlgebra.Qr.Orthonormalize(Tensor.Normal(new Rng(4), 0.0, 1.0, 4, 4));
        q.CopyTo(w);
        Assert.Equal(0, Value(new OrthogonalityTerm(), net, new EstimatorOptions()), 9);
        double vol = Value(new VolumeTerm(), net, new EstimatorOptions());
        Assert.True(vol < 1e-9 || Math.Abs(vol - 2) < 1e-9, $"|det − 1| = {vol} (det = ±1)");
        Assert.Equal(0, Value(new CurvatureTerm(), net, new EstimatorOptions()), 6);
        Assert.Equal(0, Value(new DistanceTerm(), net, new EstimatorOptions()), 9);
    }

    [Fact]
    public void EntropyIsHighForSpreadOutputsAndLowForConstantOnes()
    {
        var (net, w) = Linear(2, 2, 5);
        Tensor.Eye<double>(2).CopyTo(w);
        double spread = Value(new EntropyTerm(), net, new EstimatorOptions(), batch: 512);
        w.Span.Clear();
        double constant = Value(new EntropyTerm(), net, new EstimatorOptions(), batch: 512);
        Assert.True(spread > 0.8, $"spread {spread}");
        Assert.True(constant < 0.3, $"constant {constant}");
    }
}
