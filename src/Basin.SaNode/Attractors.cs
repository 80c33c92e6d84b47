using System.Numerics;
using Basin.Tensors;

namespace Basin.SaNode;

/// <summary>
/// The planted attractors φ⁽ᵏ⁾ ∈ {−a, +a}^N: +a everywhere except −a on nodes [k·b, (k+1)·b), b = ⌊N/(K+2)⌋
/// (the reference code's layout). They are fixed points of F for any A whose kernel contains them, since
/// −∂V/∂xᵢ = 4γxᵢ(a² − xᵢ²) vanishes at ±a (paper §II.A).
/// </summary>
public static class Attractors
{
    /// <summary>K×N matrix whose row k is φ⁽ᵏ⁾.</summary>
    public static Tensor<T> Patterns<T>(SaNodeConfig config) where T : unmanaged, IFloatingPointIeee754<T>
    {
        config.Validate();
        int n = config.N, b = config.BlockWidth;
        var p = Tensor.Full(T.CreateTruncating(config.A), config.K, n);
        for (int k = 0; k < config.K; k++)
            p.Row(k).Slice(k * b, b).Fill(T.CreateTruncating(-config.A));
        return p;
    }

    /// <summary>
    /// An orthonormal basis (N×K, as columns) of the span of the attractors, by modified Gram–Schmidt applied twice
    /// (numerically orthogonal to working precision). Only the span matters: it becomes the kernel of A.
    /// </summary>
    public static Tensor<double> OrthonormalBasis(SaNodeConfig config)
    {
        var p = Patterns<double>(config);
        int n = config.N, k = config.K;
        var q = new double[k][];
        for (int i = 0; i < k; i++)
        {
            var v = p.Row(i).ToArray();
            for (int pass = 0; pass < 2; pass++)
                for (int j = 0; j < i; j++)
                {
                    double d = 0;
                    for (int t = 0; t < n; t++) d += v[t] * q[j][t];
                    for (int t = 0; t < n; t++) v[t] -= d * q[j][t];
                }
            double norm = Math.Sqrt(v.Sum(x => x * x));
            if (norm < 1e-12) throw new InvalidOperationException("Attractor patterns are linearly dependent.");
            for (int t = 0; t < n; t++) v[t] /= norm;
            q[i] = v;
        }
        var basis = new Tensor<double>(n, k);
        for (int i = 0; i < k; i++) for (int t = 0; t < n; t++) basis[t, i] = q[i][t];
        return basis;
    }

    /// <summary>Targets: row i is the attractor of label i (B×N).</summary>
    public static Tensor<T> Targets<T>(Tensor<T> patterns, ReadOnlySpan<byte> labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = patterns.Dim(1);
        var y = new Tensor<T>(labels.Length, n);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= patterns.Dim(0)) throw new ArgumentException($"Label {labels[i]} at row {i} exceeds the {patterns.Dim(0)} attractors.");
            patterns.Row(labels[i]).CopyTo(y.Row(i));
        }
        return y;
    }
}
