namespace Basin.Dfsa.Estimation;

/// <summary>
/// Per-sample Jacobian volume from full-basis JVP columns Z ([n·B, m], row i·B + b = J_b e_i): det J_b when m = n,
/// and the Gram volume √det(J_bᵀ J_b) when m &gt; n (the factor by which f stretches n-dimensional volume).
/// Backward: ∂det J/∂J = det J · J⁻ᵀ; ∂√det G/∂J = √det G · J G⁻¹ with G = JᵀJ. Singular matrices get zero gradient.
/// Matrices are factorised by LU with partial pivoting (n is small: the volume term builds the full Jacobian).
/// </summary>
public sealed class JacobianVolume<T>(int batch, int n) : CustomOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> _z = null!, _vol = null!;
    private T[] _adj = [];
    private int _m;

    /// <inheritdoc/>
    public override string Name => "JacobianVolume";

    /// <inheritdoc/>
    protected override Tensor<T>[] Forward(IReadOnlyList<Tensor<T>> inputs)
    {
        var z = inputs[0].Contiguous();
        if (z.Rank != 2 || z.Dim(0) != n * batch) throw new TensorShapeException($"JacobianVolume: expected [{n}·{batch}, m], got {Shapes.Format(z.Shape)}.");
        int m = z.Dim(1);
        if (m < n) throw new TensorShapeException($"JacobianVolume: needs m ≥ n (got n = {n}, m = {m}).");
        _m = m;
        var vol = new Tensor<T>(batch);
        _adj = new T[batch * m * n];
        var jm = new T[m * n];
        var g = new T[n * n];
        var inv = new T[n * n];
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < n; i++)
            {
                var col = z.Row(i * batch + b);
                for (int o = 0; o < m; o++) jm[o * n + i] = col[o];
            }
            var adj = _adj.AsSpan(b * m * n, m * n);
            if (m == n)
            {
                jm.CopyTo(g, 0);
                T det = SmallLu.DetAndInverse(g, n, inv);
                vol[b] = det;
                for (int o = 0; o < m; o++)
                    for (int i = 0; i < n; i++) adj[o * n + i] = det * inv[i * n + o];
            }
            else
            {
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                    {
                        T s = T.Zero;
                        for (int o = 0; o < m; o++) s += jm[o * n + i] * jm[o * n + j];
                        g[i * n + j] = s;
                    }
                T det = SmallLu.DetAndInverse(g, n, inv);
                T v = det > T.Zero ? T.Sqrt(det) : T.Zero;
                vol[b] = v;
                for (int o = 0; o < m; o++)
                    for (int i = 0; i < n; i++)
                    {
                        T s = T.Zero;
                        for (int j = 0; j < n; j++) s += jm[o * n + j] * inv[j * n + i];
                        adj[o * n + i] = v * s;
                    }
            }
        }
        _z = z;
        _vol = vol;
        return [vol];
    }

    /// <inheritdoc/>
    protected override Tensor<T>?[] Backward(IReadOnlyList<Tensor<T>> outputGradients)
    {
        if (!NeedsInputGrad(0)) return [null];
        var gy = outputGradients[0].Contiguous();
        var gz = new Tensor<T>(_z.Dim(0), _m);
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < n; i++)
            {
                var row = gz.Row(i * batch + b);
                for (int o = 0; o < _m; o++) row[o] = gy[b] * _adj[b * _m * n + o * n + i];
            }
        return [gz];
    }
}

/// <summary>Determinant and inverse of a small dense matrix by LU with partial pivoting.</summary>
internal static class SmallLu
{
    /// <summary>det A; <paramref name="inverse"/> receives A⁻¹ (zeros when A is singular). <paramref name="a"/> is overwritten.</summary>
    public static T DetAndInverse<T>(Span<T> a, int n, Span<T> inverse) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<int> piv = n <= 64 ? stackalloc int[n] : new int[n];
        T det = T.One;
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int r = k + 1; r < n; r++) if (T.Abs(a[r * n + k]) > T.Abs(a[p * n + k])) p = r;
            piv[k] = p;
            if (a[p * n + k] == T.Zero)
            {
                inverse.Clear();
                return T.Zero;
            }
            if (p != k)
            {
                for (int c = 0; c < n; c++) (a[k * n + c], a[p * n + c]) = (a[p * n + c], a[k * n + c]);
                det = -det;
            }
            T d = a[k * n + k];
            det *= d;
            for (int r = k + 1; r < n; r++)
            {
                T f = a[r * n + k] / d;
                a[r * n + k] = f;
                for (int c = k + 1; c < n; c++) a[r * n + c] -= f * a[k * n + c];
            }
        }
        Span<T> x = n <= 64 ? stackalloc T[n] : new T[n];
        for (int col = 0; col < n; col++)
        {
            x.Clear();
            x[col] = T.One;
            for (int k = 0; k < n; k++) if (piv[k] != k) (x[k], x[piv[k]]) = (x[piv[k]], x[k]);
            for (int r = 0; r < n; r++)
                for (int c = 0; c < r; c++) x[r] -= a[r * n + c] * x[c];
            for (int r = n - 1; r >= 0; r--)
            {
                for (int c = r + 1; c < n; c++) x[r] -= a[r * n + c] * x[c];
                x[r] /= a[r * n + r];
            }
            for (int r = 0; r < n; r++) inverse[r * n + col] = x[r];
        }
        return det;
    }
}
