using Basin.Autodiff;
using Basin.Dfsa.Art;
using Basin.Dfsa.Estimation;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Terms;
using Basin.Tensors;

namespace Basin.Dfsa.Tests;

/// <summary>
/// Every catalogue term's tape gradient (w.r.t. the weights) against central differences of the term's value, in float64.
/// The batch, probes and perturbations are redrawn from the same seed for every evaluation, so the estimator is one
/// deterministic function of the weights.
/// </summary>
public sealed class TermGradientTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in TermCatalogue.Names)
        {
            data.Add(name, "full");
            data.Add(name, "hutchinson");
        }
        data.Add("volume", "cppn");
        data.Add("entropy", "cppn");
        data.Add("image_fidelity", "cppn");
        data.Add("distance", "affine");
        data.Add("volume", "affine");
        data.Add("norm_discontinuity", "bits");
        data.Add("lipschitz", "bits");
        data.Add("avalanche", "bits");
        return data;
    }

    [Fact]
    public void EveryCatalogueTermIsInTheTable()
    {
        var covered = Cases().Select(row => (string)row[0]).ToHashSet();
        foreach (var name in TermCatalogue.Names) Assert.Contains(name, covered);
        Assert.Equal(TermCatalogue.Names.Count, TermCatalogue.Names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string termName, string setup)
    {
        var (net, input, options, term) = Build(termName, setup);
        double Eval()
        {
            var tape = new Tape<double>();
            var x = input.Sample<double>(new Rng(11), 8, net.InputDim);
            var ctx = new TermContext<double>(net, input, x, tape, new Rng(12), options);
            return term.Evaluate(ctx).Item();
        }

        var tape0 = new Tape<double>();
        var x0 = input.Sample<double>(new Rng(11), 8, net.InputDim);
        var ctx0 = new TermContext<double>(net, input, x0, tape0, new Rng(12), options);
        net.ZeroGrad();
        tape0.Backward(term.Evaluate(ctx0));
        var ps = net.Parameters().ToArray();
        var grads = ps.Select(p => p.Grad!.Clone()).ToArray();

        var dirRng = new Rng(99);
        double worst = 0, largest = 0;
        for (int trial = 0; trial < 3; trial++)
        {
            var dirs = ps.Select(p => Tensor.Normal(dirRng, 0.0, 1.0, p.Value.Shape.ToArray())).ToArray();
            double analytic = 0;
            for (int i = 0; i < ps.Length; i++) analytic += TensorOps.Dot(grads[i], dirs[i]);
            const double eps = 1e-5;
            Shift(ps, dirs, eps);
            double plus = Eval();
            Shift(ps, dirs, -2 * eps);
            double minus = Eval();
            Shift(ps, dirs, eps);
            double numeric = (plus - minus) / (2 * eps);
            double err = Math.Abs(analytic - numeric) / Math.Max(1e-6, Math.Max(Math.Abs(analytic), Math.Abs(numeric)));
            worst = Math.Max(worst, err);
            largest = Math.Max(largest, Math.Abs(analytic));
        }
        Assert.True(worst < 1e-5, $"{termName}/{setup}: relative error {worst:E2}");
        Assert.True(largest > 1e-6, $"{termName}/{setup}: the gradient is (nearly) zero, so the check says nothing ({largest:E2}).");
    }

    private static void Shift(Parameter<double>[] ps, Tensor<double>[] dirs, double eps)
    {
        for (int i = 0; i < ps.Length; i++) TensorOps.AddScaledInPlace(ps[i].Value, dirs[i], eps);
    }

    internal static (DfsaNetwork<double>, InputDistribution, EstimatorOptions, DfsaTerm) Build(string termName, string setup)
    {
        var options = new EstimatorOptions
        {
            Mode = setup == "hutchinson" ? JacobianMode.Hutchinson : JacobianMode.Auto,
            Probes = 3,
            OverflowThreshold = 0.3,
            InvertibilityEpsilon = 0.5,
            LipschitzCandidates = 3,
        };
        DfsaTerm term = termName == "image_fidelity"
            ? new ImageFidelityTerm(Basin.Data.Letters.Pattern(0), 7, 7)
            : TermCatalogue.Get(termName);
        NetworkSpec spec = setup switch
        {
            "cppn" => new NetworkSpec(Architecture.Cppn, 2, 3, Hidden: 5, Layers: 2, InitGain: 1.5),
            "affine" => new NetworkSpec(Architecture.AffineCoupling, 4, 4, Hidden: 5, Layers: 2),
            _ => new NetworkSpec(Architecture.Mlp, 4, 4, Hidden: 6, Layers: 1, InitGain: 1.5),
        };
        InputDistribution input = setup switch { "cppn" => new BoxInput(), "bits" => new BitsInput(), _ => new GaussianInput() };
        return (spec.Create<double>(new Rng(5)), input, options, term);
    }
}
