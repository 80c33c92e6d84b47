using Basin.Tensors;
using Basin.Tensors.Blas;

namespace Basin.Obfuscation.Transform;

/// <summary>
/// The keyed invertible map T: ℝᵈ → ℝᵈ,
/// <code>T(x) = s · Q₂ · G( Q₁ (x − c·1) / s ),   T⁻¹(y) = s · Q₁ᵀ · G⁻¹( Q₂ᵀ y / s ) + c·1,</code>
/// where Q₁, Q₂ are Haar-random orthogonal matrices drawn from the key, c and s standardise the data, and G applies
/// the key's DFSA-trained additive coupling network g: ℝᵇ → ℝᵇ (NICE, Dinh et al. 2014; trained data-free on the
/// obfuscation preset, white paper §E) to each of the ⌊d/b⌋ consecutive blocks of b coordinates (a remainder of
/// d mod b coordinates passes unchanged; Q₂ mixes it with the rest). Every piece is exactly invertible: the rotations
/// by their transpose, additive coupling by subtracting the same conditioner output, so the float64 round trip is
/// rounding only (≈ 10⁻¹⁵ relative). With the geometry weight w large, g is trained toward an isometry and T toward a
/// rotation; with w = 0, g only follows the scrambling (stochasticity, entropy, discontinuity) terms.
/// Batches go through two GEMMs (d×d) and one batched network evaluation: O(n d²) per n rows.
/// </summary>
public sealed class KeyedTransform
{
    private readonly int _d, _b, _blocks;
    private readonly double[] _q1, _q2;

    /// <summary>Derives the rotations from <paramref name="key"/>'s secret.</summary>
    public KeyedTransform(ObfuscationKey key)
    {
        Key = key;
        _d = key.Dim; _b = key.Block; _blocks = _d / _b;
        var g = new KeyedStream(key.Secret, "basin-obf-v2-rotations|" + _d);
        _q1 = Linear.HaarOrthogonal(_d, g.NextGaussian);
        _q2 = Linear.HaarOrthogonal(_d, g.NextGaussian);
    }

    /// <summary>The key.</summary>
    public ObfuscationKey Key { get; }

    /// <summary>Dimension d.</summary>
    public int Dim => _d;

    /// <summary>y = T(x) for one vector.</summary>
    public void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        Check(x.Length, y.Length, 1);
        ForwardRows(x, 1, y);
    }

    /// <summary>x = T⁻¹(y) for one vector.</summary>
    public void Inverse(ReadOnlySpan<double> y, Span<double> x)
    {
        Check(y.Length, x.Length, 1);
        InverseRows(y, 1, x);
    }

    /// <summary>Applies T to each row of the n×d row-major matrix <paramref name="x"/>.</summary>
    public double[] ForwardRows(double[] x, int n)
    {
        var y = new double[(long)n * _d];
        ForwardRows(x, n, y);
        return y;
    }

    /// <summary>Applies T⁻¹ to each row of the n×d row-major matrix <paramref name="y"/>.</summary>
    public double[] InverseRows(double[] y, int n)
    {
        var x = new double[(long)n * _d];
        InverseRows(y, n, x);
        return x;
    }

    /// <summary>Applies T to each row of <paramref name="x"/> (n×d) into <paramref name="y"/>.</summary>
    public void ForwardRows(ReadOnlySpan<double> x, int n, Span<double> y)
    {
        Check(x.Length, y.Length, n);
        var z = new double[(long)n * _d];
        var xc = new double[(long)n * _d];
        for (int i = 0; i < xc.Length; i++) xc[i] = x[i] - Key.Center;
        // z = (x − c) Q₁ᵀ / s  (row form of Q₁ (x − c) / s)
        Blas.Gemm(false, true, n, _d, _d, 1.0 / Key.Scale, xc, _d, _q1, _d, 0.0, z, _d);
        ApplyBlocks(z, n, inverse: false);
        Blas.Gemm(false, true, n, _d, _d, Key.Scale, z, _d, _q2, _d, 0.0, y, _d);
    }

    /// <summary>Applies T⁻¹ to each row of <paramref name="y"/> (n×d) into <paramref name="x"/>.</summary>
    public void InverseRows(ReadOnlySpan<double> y, int n, Span<double> x)
    {
        Check(y.Length, x.Length, n);
        var z = new double[(long)n * _d];
        Blas.Gemm(false, false, n, _d, _d, 1.0 / Key.Scale, y, _d, _q2, _d, 0.0, z, _d);   // y Q₂ = (Q₂ᵀ y)ᵀ
        ApplyBlocks(z, n, inverse: true);
        Blas.Gemm(false, false, n, _d, _d, Key.Scale, z, _d, _q1, _d, 0.0, x, _d);
        for (int i = 0; i < n * _d; i++) x[i] += Key.Center;
    }

    private void ApplyBlocks(double[] z, int n, bool inverse)
    {
        if (_blocks == 0) return;
        int used = _blocks * _b;
        var packed = new Tensor<double>(n * _blocks, _b);
        var ps = packed.Span;
        for (int i = 0; i < n; i++) z.AsSpan(i * _d, used).CopyTo(ps.Slice(i * used, used));
        var outT = inverse ? Key.Network.Inverse(packed) : Key.Network.Evaluate(packed);
        var os = outT.Contiguous().Span;
        for (int i = 0; i < n; i++) os.Slice(i * used, used).CopyTo(z.AsSpan(i * _d, used));
    }

    private void Check(int a, int b, int n)
    {
        if (n < 0 || a != (long)n * _d || b != (long)n * _d)
            throw new ArgumentException($"expected {n} row(s) of length {_d}, got spans of {a} and {b} values");
    }
}
