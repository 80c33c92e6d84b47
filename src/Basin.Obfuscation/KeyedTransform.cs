using System.Security.Cryptography;
using System.Text;

namespace Basin.Obfuscation;

/// <summary>Parameters of a keyed transform: the secret, the dimension and the geometry knob.</summary>
/// <param name="Secret">32-byte secret key.</param>
/// <param name="Dim">Vector dimension d (even or odd; the coupling splits ⌊d/2⌋ | ⌈d/2⌉).</param>
/// <param name="Geometry">Geometry weight w ≥ 0: coupling amplitude is 1/(1+w), so w → ∞ is a pure keyed rotation (an isometry) and w = 0 is the most scrambled.</param>
/// <param name="Layers">Number of additive coupling layers.</param>
/// <param name="Scale">Typical coordinate scale of the data after rotation (the coupling acts at this scale).</param>
public sealed record ObfuscationKey(byte[] Secret, int Dim, double Geometry, int Layers = 4, double Scale = 1.0)
{
    /// <summary>Fresh key with 32 random bytes from the OS CSPRNG.</summary>
    public static ObfuscationKey Generate(int dim, double geometry, int layers = 4, double scale = 1.0)
        => new(RandomNumberGenerator.GetBytes(32), dim, geometry, layers, scale);

    /// <summary>Public fingerprint: HMAC-SHA256 of the parameters under the secret, first 16 bytes in hex. Identifies the key without revealing it.</summary>
    public string Fingerprint
    {
        get
        {
            var msg = Encoding.UTF8.GetBytes(FormattableString.Invariant($"basin-obf-v1|{Dim}|{Geometry:R}|{Layers}|{Scale:R}"));
            return Convert.ToHexStringLower(HMACSHA256.HashData(Secret, msg).AsSpan(0, 16));
        }
    }
}

/// <summary>
/// Keyed invertible map R^d → R^d: a secret Haar rotation followed by additive coupling layers
/// (each: rotate by a secret orthogonal matrix, then B ← B + α·s·tanh(W·A/s + c)) with α = 1/(1+w).
/// Additive coupling is exactly invertible (subtract the same term); the float64 round trip error is
/// rounding only (≈1e-15 relative).
/// </summary>
public sealed class KeyedTransform
{
    private readonly int _d, _h;
    private readonly double _alpha, _s;
    private readonly double[][] _rot;   // Layers+1 rotations d×d
    private readonly double[][] _w;     // Layers weights (d-h)×h
    private readonly double[][] _c;     // Layers biases (d-h)

    /// <summary>The key this transform was derived from.</summary>
    public ObfuscationKey Key { get; }

    /// <summary>Derives the transform deterministically from a key.</summary>
    public KeyedTransform(ObfuscationKey key)
    {
        if (key.Dim < 2) throw new ArgumentException("dimension must be at least 2", nameof(key));
        if (key.Secret.Length < 16) throw new ArgumentException("secret must have at least 16 bytes", nameof(key));
        if (!(key.Geometry >= 0)) throw new ArgumentException("geometry weight must be ≥ 0", nameof(key));
        if (key.Layers < 0 || !(key.Scale > 0)) throw new ArgumentException("layers must be ≥ 0 and scale > 0", nameof(key));
        Key = key;
        _d = key.Dim; _h = _d / 2; _s = key.Scale;
        _alpha = double.IsPositiveInfinity(key.Geometry) ? 0 : 1.0 / (1.0 + key.Geometry);
        var g = new KeyedStream(key.Secret, "basin-obf-v1-weights|" + _d);
        _rot = new double[key.Layers + 1][];
        _w = new double[key.Layers][];
        _c = new double[key.Layers][];
        for (int l = 0; l <= key.Layers; l++)
        {
            // Only the first rotation and (when the coupling is active) the inter-layer rotations are needed.
            _rot[l] = Linear.HaarOrthogonal(_d, g.NextGaussian);
            if (l == key.Layers) break;
            int m = _d - _h;
            _w[l] = new double[m * _h];
            double ws = 2.0 / Math.Sqrt(_h);
            for (int i = 0; i < _w[l].Length; i++) _w[l][i] = ws * g.NextGaussian();
            _c[l] = new double[m];
            for (int i = 0; i < m; i++) _c[l][i] = g.NextGaussian();
        }
    }

    /// <summary>Dimension d.</summary>
    public int Dim => _d;

    /// <summary>y = T(x).</summary>
    public void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        Check(x, y);
        var buf = new double[_d];
        var tmp = new double[_d - _h];
        x.CopyTo(buf);
        for (int l = 0; l < _w.Length; l++)
        {
            Linear.MatVec(_rot[l], _d, _d, buf, y);
            y.CopyTo(buf);
            Coupling(l, buf, tmp);
            for (int i = 0; i < tmp.Length; i++) buf[_h + i] += tmp[i];
        }
        Linear.MatVec(_rot[_w.Length], _d, _d, buf, y);
    }

    /// <summary>x = T⁻¹(y).</summary>
    public void Inverse(ReadOnlySpan<double> y, Span<double> x)
    {
        Check(y, x);
        var buf = new double[_d];
        var tmp = new double[_d - _h];
        Linear.MatTVec(_rot[_w.Length], _d, _d, y, buf);
        for (int l = _w.Length - 1; l >= 0; l--)
        {
            Coupling(l, buf, tmp);
            for (int i = 0; i < tmp.Length; i++) buf[_h + i] -= tmp[i];
            Linear.MatTVec(_rot[l], _d, _d, buf, x);
            x.CopyTo(buf);
        }
        buf.CopyTo(x);
    }

    private void Coupling(int l, double[] buf, double[] outB)
    {
        int m = _d - _h;
        var w = _w[l]; var c = _c[l];
        for (int i = 0; i < m; i++)
        {
            double s = c[i];
            for (int j = 0; j < _h; j++) s += w[i * _h + j] * buf[j] / _s;
            outB[i] = _alpha * _s * Math.Tanh(s);
        }
    }

    private void Check(ReadOnlySpan<double> a, Span<double> b)
    {
        if (a.Length != _d || b.Length != _d) throw new ArgumentException($"expected vectors of length {_d}, got {a.Length} and {b.Length}");
    }

    /// <summary>Applies <see cref="Forward"/> to every row of an n×d row-major matrix.</summary>
    public double[] ForwardRows(double[] x, int n)
    {
        var y = new double[n * _d];
        for (int i = 0; i < n; i++) Forward(x.AsSpan(i * _d, _d), y.AsSpan(i * _d, _d));
        return y;
    }

    /// <summary>Applies <see cref="Inverse"/> to every row of an n×d row-major matrix.</summary>
    public double[] InverseRows(double[] y, int n)
    {
        var x = new double[n * _d];
        for (int i = 0; i < n; i++) Inverse(y.AsSpan(i * _d, _d), x.AsSpan(i * _d, _d));
        return x;
    }
}
