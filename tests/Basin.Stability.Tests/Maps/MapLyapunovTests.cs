using Basin.Dfsa.Networks;
using Basin.Stability.Classifiers;
using Basin.Stability.Maps;
using Basin.Tensors;

namespace Basin.Stability.Tests.Maps;

public class MapLyapunovTests
{
    private sealed class LinearMap(double[] m, int n) : ITangentMap
    {
        public int Dimension => n;
        public void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < n; i++) { double s = 0; for (int j = 0; j < n; j++) s += m[i * n + j] * x[j]; y[i] = s; }
        }
        public void JacobianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> w, int p)
        {
            for (int r = 0; r < p; r++) Apply(v.Slice(r * n, n), w.Slice(r * n, n));
        }
    }

    /// <summary>Hénon map (a = 1.4, b = 0.3): x' = 1 − a x² + y, y' = b x.</summary>
    private sealed class Henon : ITangentMap
    {
        public int Dimension => 2;
        public void Apply(ReadOnlySpan<double> x, Span<double> y) { double a = 1 - 1.4 * x[0] * x[0] + x[1], b = 0.3 * x[0]; y[0] = a; y[1] = b; }
        public void JacobianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> w, int p)
        {
            for (int r = 0; r < p; r++)
            {
                double v0 = v[2 * r], v1 = v[2 * r + 1];
                w[2 * r] = -2.8 * x[0] * v0 + v1;
                w[2 * r + 1] = 0.3 * v0;
            }
        }
    }

    [Fact]
    public void LinearMapExponentsAreLogsOfItsEigenvalueModuli()
    {
        int n = 3;
        double[] mu = [1.3, -0.6, 0.25];
        var q = Basin.Tensors.Init.Initializers.Orthogonal<double>(n, n, 1.0, new Rng(5));
        var m = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) m[i * n + j] += q[i, k] * mu[k] * q[j, k];
        var r = MapLyapunov.Compute(new LinearMap(m, n), [0.1, 0.2, 0.3], 3, 100);
        Assert.False(r.Diverged);
        double[] expect = [Math.Log(1.3), Math.Log(0.6), Math.Log(0.25)];
        for (int i = 0; i < n; i++) Assert.Equal(expect[i], r.Exponents[i], 3);
    }

    [Fact]
    public void HenonMapHasItsKnownPositiveExponentAndContractingSum()
    {
        var r = MapLyapunov.Compute(new Henon(), [0.1, 0.1], 2, 200_000, transient: 1000);
        Assert.False(r.Diverged);
        Assert.InRange(r.Exponents[0], 0.41, 0.43);                       // literature: λ₁ ≈ 0.4192
        Assert.Equal(Math.Log(0.3), r.Exponents[0] + r.Exponents[1], 6);  // det J = −b everywhere
    }

    [Fact]
    public void DivergentOrbitIsReported()
    {
        var r = MapLyapunov.Compute(new LinearMap([3.0], 1), [1.0], 1, 100);
        Assert.True(r.Diverged);
    }

    [Fact]
    public void FiniteDifferenceJvpOfADfsaNetworkAgreesWithTheTapeVjp()
    {
        var spec = new NetworkSpec(Architecture.Mlp, 6, 6, Hidden: 16, Layers: 2);
        var net = spec.Create<double>(new Rng(3));
        var map = new DfsaTangentMap(net, OrbitKind.Raw);
        var clf = new DfsaClassifier(net);
        var rng = new Rng(4);
        var x = Tensor.Normal(rng, 0.0, 1.0, 6).ToArray();
        var v = Tensor.Normal(rng, 0.0, 1.0, 6).ToArray();
        var u = Tensor.Normal(rng, 0.0, 1.0, 6).ToArray();
        var jv = new double[6];
        map.JacobianTimes(x, v, jv, 1);
        var jtu = new double[6]; var s = new double[6];
        clf.InputGradient(x, 1, u, jtu, s);
        double a = 0, b = 0;
        for (int i = 0; i < 6; i++) { a += u[i] * jv[i]; b += jtu[i] * v[i]; }
        Assert.Equal(b, a, 1e-8 * Math.Max(1, Math.Abs(b)));
    }

    [Fact]
    public void SphereOrbitStaysOnTheSphereAndItsJvpMatchesFiniteDifferences()
    {
        var net = new NetworkSpec(Architecture.Mlp, 5, 5, Hidden: 12, Layers: 1).Create<double>(new Rng(8));
        var map = new DfsaTangentMap(net, OrbitKind.Sphere);
        var x = new double[] { 0.3, -1.2, 0.7, 0.1, 1.5 };
        var y = new double[5];
        map.Apply(x, y);
        Assert.Equal(5.0, y.Sum(e => e * e), 10);
        var v = new double[] { 0.2, 0.1, -0.4, 0.9, -0.3 };
        var w = new double[5];
        map.JacobianTimes(x, v, w, 1);
        double h = 1e-4;
        var yp = new double[5]; var ym = new double[5];
        map.Apply(x.Select((e, i) => e + h * v[i]).ToArray(), yp);
        map.Apply(x.Select((e, i) => e - h * v[i]).ToArray(), ym);
        for (int i = 0; i < 5; i++) Assert.Equal((yp[i] - ym[i]) / (2 * h), w[i], 6);
    }

    [Fact]
    public void LargeGainNetworkIsChaoticOnTheSphereAndSmallGainContractsToAFixedPoint()
    {
        double Largest(double gain, OrbitKind kind)
        {
            var net = new NetworkSpec(Architecture.Mlp, 8, 8, Hidden: 32, Layers: 2, InitGain: gain).Create<double>(new Rng(21));
            var x0 = Tensor.Normal(new Rng(22), 0.0, 1.0, 8).ToArray();
            return MapLyapunov.Compute(new DfsaTangentMap(net, kind), x0, 2, 2000).Exponents[0];
        }
        double big = Largest(4.0, OrbitKind.Sphere), small = Largest(0.2, OrbitKind.Raw);
        Assert.True(big > 0.05, $"a strongly expanding tanh network should have a positive exponent, got {big}");
        Assert.True(small < -0.05, $"a nearly linear contracting network should have a negative exponent, got {small}");
    }

    [Fact]
    public void NonSquareNetworkIsRefused()
    {
        var net = new NetworkSpec(Architecture.Mlp, 4, 3).Create<double>(new Rng(1));
        Assert.Throws<ArgumentException>(() => new DfsaTangentMap(net));
    }
}
