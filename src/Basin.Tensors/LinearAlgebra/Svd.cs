using System.Numerics;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>
/// Singular value decomposition A = U·diag(σ)·Vᵀ of an m×n matrix, k = min(m, n), σ₀ ≥ σ₁ ≥ … ≥ σ_{k−1} ≥ 0,
/// thin factors U (m×k) and Vᵀ (k×n). Computed by MathNet.Numerics' managed Golub–Kahan bidiagonalisation and
/// implicit-shift QR (LINPACK dsvdc); see README.md for timings. For the largest singular value of an operator
/// known only through products, use <see cref="PowerIteration.SpectralNorm"/>.
/// </summary>
public sealed class Svd
{
    private Svd(Tensor<double> s, Tensor<double>? u, Tensor<double>? vt)
    {
        SingularValues = s; U = u; Vt = vt;
    }

    /// <summary>σ, descending, length k = min(m, n).</summary>
    public Tensor<double> SingularValues { get; }

    /// <summary>Left singular vectors as columns (m×k), or null when vectors were not requested.</summary>
    public Tensor<double>? U { get; }

    /// <summary>Right singular vectors as rows (k×n), or null when vectors were not requested.</summary>
    public Tensor<double>? Vt { get; }

    /// <summary>Decomposes a matrix; singular vectors cost about 5× the values alone at n = 784.</summary>
    /// <exception cref="ArgumentException">A has non-finite entries.</exception>
    public static Svd Decompose<T>(Tensor<T> a, bool computeVectors = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2) throw new TensorShapeException($"Svd.Decompose: expected a matrix, got shape {Shapes.Format(a.Shape)}.");
        int m = a.Dim(0), n = a.Dim(1), k = Math.Min(m, n);
        if (k == 0)
            return new Svd(new Tensor<double>(0), computeVectors ? new Tensor<double>(m, 0) : null, computeVectors ? new Tensor<double>(0, n) : null);
        var mat = MathNetInterop.ToMathNet(a, "Svd.Decompose");
        if (!TensorPrimitives.IsFiniteAll<double>(((MathNet.Numerics.LinearAlgebra.Double.DenseMatrix)mat).Values))
            throw new ArgumentException("Svd.Decompose: the matrix has NaN or infinite entries.", nameof(a));
        var svd = mat.Svd(computeVectors);
        var s = new Tensor<double>(k);
        for (int i = 0; i < k; i++) s.Span[i] = svd.S[i];
        if (!computeVectors) return new Svd(s, null, null);
        var u = MathNetInterop.FromMathNet(svd.U, k);
        var vt = MathNetInterop.FromMathNet(svd.VT, n).Slice(0, 0, k).Contiguous();
        return new Svd(s, u, vt);
    }

    /// <summary>The singular values only, descending.</summary>
    public static Tensor<double> Values<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Decompose(a, computeVectors: false).SingularValues;
}
