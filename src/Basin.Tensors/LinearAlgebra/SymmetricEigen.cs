using System.Numerics;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>
/// Eigen-decomposition A = V·diag(λ)·Vᵀ of a real symmetric matrix: eigenvalues in ascending order and
/// orthonormal eigenvectors as the columns of V (column i belongs to λᵢ). Computed by MathNet.Numerics'
/// managed Householder tridiagonalisation and implicit QL (EISPACK tred2/tql2); see README.md for timings.
/// </summary>
public sealed class SymmetricEigen
{
    private SymmetricEigen(Tensor<double> values, Tensor<double> vectors)
    {
        Values = values; Vectors = vectors;
    }

    /// <summary>The eigenvalues λ₀ ≤ λ₁ ≤ … ≤ λ_{n−1}.</summary>
    public Tensor<double> Values { get; }

    /// <summary>The n×n orthogonal matrix whose column i is the unit eigenvector of λᵢ.</summary>
    public Tensor<double> Vectors { get; }

    /// <summary>Decomposes a symmetric matrix. Asymmetry above √ε·max|aᵢⱼ| is rejected; within it, (A + Aᵀ)/2 is used.</summary>
    /// <exception cref="ArgumentException">A is not symmetric or has non-finite entries.</exception>
    public static SymmetricEigen Decompose<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = RowMajor.RequireSquare(a, "SymmetricEigen.Decompose");
        var s = Symmetrized(a, n);
        if (n == 0) return new SymmetricEigen(new Tensor<double>(0), new Tensor<double>(0, 0));
        // A symmetric row-major array is its own column-major layout.
        var evd = new MathNet.Numerics.LinearAlgebra.Double.DenseMatrix(n, n, s).Evd(Symmetricity.Symmetric);
        var lambda = new double[n];
        for (int i = 0; i < n; i++) lambda[i] = evd.EigenValues[i].Real;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort((double[])lambda.Clone(), order);
        var v = MathNetInterop.FromMathNet(evd.EigenVectors, n);
        var values = new Tensor<double>(n);
        var vectors = new Tensor<double>(n, n);
        var src = v.Span; var dst = vectors.Span;
        for (int j = 0; j < n; j++)
        {
            values.Span[j] = lambda[order[j]];
            for (int i = 0; i < n; i++) dst[i * n + j] = src[i * n + order[j]];
        }
        return new SymmetricEigen(values, vectors);
    }

    /// <summary>Only the eigenvalues, ascending.</summary>
    public static Tensor<double> Eigenvalues<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Decompose(a).Values;

    private static double[] Symmetrized<T>(Tensor<T> a, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = RowMajor.ToDoubleArray(a, "SymmetricEigen.Decompose");
        if (!TensorPrimitives.IsFiniteAll<double>(s))
            throw new ArgumentException("SymmetricEigen.Decompose: the matrix has NaN or infinite entries.", nameof(a));
        double tol = Math.Sqrt(Math.ScaleB(1.0, -52)) * RowMajor.MaxAbs(s);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double x = s[i * n + j], y = s[j * n + i];
                if (Math.Abs(x - y) > tol)
                    throw new ArgumentException($"SymmetricEigen.Decompose: the matrix is not symmetric (a[{i},{j}] = {x:G6}, a[{j},{i}] = {y:G6}).", nameof(a));
                s[i * n + j] = s[j * n + i] = 0.5 * (x + y);
            }
        return s;
    }
}
