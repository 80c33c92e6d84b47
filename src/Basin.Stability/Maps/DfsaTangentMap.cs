using Basin.Dfsa.Networks;
using Basin.Tensors;

namespace Basin.Stability.Maps;

/// <summary>How a DFSA network ℝⁿ → ℝⁿ is iterated as a dynamical system.</summary>
public enum OrbitKind
{
    /// <summary>x_{k+1} = f(x_k): the network as it is (unbounded outputs may diverge).</summary>
    Raw,
    /// <summary>x_{k+1} = √n · f(x_k)/‖f(x_k)‖: the network followed by the radial projection onto the sphere of radius √n
    /// (the support of the <c>sphere</c> input distribution), so every orbit stays bounded and only the direction of f matters.</summary>
    Sphere,
}

/// <summary>
/// A square DFSA network as an iterated map (<see cref="OrbitKind"/>). Jacobian–vector products are central differences in
/// float64, all 2p probes of a point in one batched forward pass: J v ≈ (f(x + hv) − f(x − hv))/2h with h = 10⁻⁵·max(1, ‖x‖/√n)
/// (error O(h²) ≈ 10⁻¹⁰ relative). For the sphere orbit the projection's Jacobian is applied exactly:
/// J_g v = (c/‖f‖)(J_f v − f (fᵀJ_f v)/‖f‖²), c = √n.
/// </summary>
public sealed class DfsaTangentMap : ITangentMap
{
    private readonly DfsaNetwork<double> _net;
    private readonly OrbitKind _kind;

    /// <summary>Wraps <paramref name="network"/>, which must map ℝⁿ → ℝⁿ.</summary>
    public DfsaTangentMap(DfsaNetwork<double> network, OrbitKind kind = OrbitKind.Sphere)
    {
        if (network.InputDim != network.OutputDim)
            throw new ArgumentException($"Only a square network can be iterated (ℝⁿ → ℝⁿ); this one maps ℝ^{network.InputDim} → ℝ^{network.OutputDim}.");
        _net = network;
        _kind = kind;
    }

    /// <inheritdoc/>
    public int Dimension => _net.InputDim;

    /// <inheritdoc/>
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        int n = Dimension;
        _net.Evaluate(Tensor.FromSpan(x[..n], 1, n)).Span.CopyTo(y);
        if (_kind == OrbitKind.Sphere) Project(y[..n]);
    }

    /// <inheritdoc/>
    public void JacobianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> w, int p)
    {
        int n = Dimension;
        double xn = 0;
        for (int i = 0; i < n; i++) xn += x[i] * x[i];
        double h = 1e-5 * Math.Max(1, Math.Sqrt(xn / n));
        var batch = new Tensor<double>(2 * p + 1, n);
        var bs = batch.Span;
        for (int r = 0; r < p; r++)
            for (int i = 0; i < n; i++)
            {
                bs[(2 * r) * n + i] = x[i] + h * v[r * n + i];
                bs[(2 * r + 1) * n + i] = x[i] - h * v[r * n + i];
            }
        x[..n].CopyTo(bs.Slice(2 * p * n, n));
        var f = _net.Evaluate(batch).Span;
        for (int r = 0; r < p; r++)
            for (int i = 0; i < n; i++)
                w[r * n + i] = (f[(2 * r) * n + i] - f[(2 * r + 1) * n + i]) / (2 * h);
        if (_kind == OrbitKind.Raw) return;
        var fx = f.Slice(2 * p * n, n);
        double ff = 0;
        for (int i = 0; i < n; i++) ff += fx[i] * fx[i];
        double nf = Math.Sqrt(ff), c = Math.Sqrt(n) / nf;
        for (int r = 0; r < p; r++)
        {
            var wr = w.Slice(r * n, n);
            double dot = 0;
            for (int i = 0; i < n; i++) dot += fx[i] * wr[i];
            for (int i = 0; i < n; i++) wr[i] = c * (wr[i] - fx[i] * dot / ff);
        }
    }

    private static void Project(Span<double> y)
    {
        double s = 0;
        foreach (var e in y) s += e * e;
        double c = Math.Sqrt(y.Length / s);
        for (int i = 0; i < y.Length; i++) y[i] *= c;
    }
}
