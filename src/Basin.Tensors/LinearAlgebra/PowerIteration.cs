using System.Numerics;
using System.Numerics.Tensors;

namespace Basin.Tensors.LinearAlgebra;

/// <summary>y ← L·x for a linear operator L known only through its action (a Jacobian–vector product, a layer).</summary>
public delegate void LinearOperator(ReadOnlySpan<double> x, Span<double> y);

/// <summary>Settings for <see cref="PowerIteration.SpectralNorm"/>.</summary>
/// <param name="MaxIterations">Upper bound on operator applications (each iteration applies L and Lᵀ once).</param>
/// <param name="RelativeTolerance">Stop when successive estimates differ by less than this fraction.</param>
/// <param name="Seed">Seed of the random start vector, so results repeat.</param>
public sealed record PowerIterationOptions(int MaxIterations = 500, double RelativeTolerance = 1e-10, ulong Seed = 0x5eed);

/// <summary>Outcome of a power iteration.</summary>
/// <param name="Value">Estimate of σ_max = ‖L‖₂ (a lower bound that increases monotonically in exact arithmetic).</param>
/// <param name="RightVector">Unit vector v with ‖L·v‖ ≈ σ_max (length = input dimension).</param>
/// <param name="Iterations">Iterations performed.</param>
/// <param name="Converged">Whether the relative tolerance was reached before the iteration limit.</param>
public sealed record PowerIterationResult(double Value, double[] RightVector, int Iterations, bool Converged);

/// <summary>Power iteration on LᵀL for the largest singular value of large or matrix-free operators
/// (Golub &amp; Van Loan, 4th ed., §8.2.1 applied to LᵀL); used by the stability tools for Lipschitz bounds.</summary>
public static class PowerIteration
{
    /// <summary>
    /// σ_max(L) = ‖L‖₂ for L: ℝ^inputDim → ℝ^outputDim given by <paramref name="apply"/> (x ↦ Lx) and
    /// <paramref name="applyTranspose"/> (y ↦ Lᵀy). Iterates v ← LᵀLv/‖LᵀLv‖ and reports ‖Lv‖.
    /// Convergence is linear with ratio (σ₁/σ₀)², so nearly repeated top singular values converge slowly
    /// (the estimate is still accurate; the vector is not).
    /// </summary>
    public static PowerIterationResult SpectralNorm(LinearOperator apply, LinearOperator applyTranspose, int inputDim, int outputDim,
        PowerIterationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(applyTranspose);
        if (inputDim <= 0 || outputDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputDim), $"PowerIteration.SpectralNorm: dimensions must be positive (got {inputDim} → {outputDim}).");
        var o = options ?? new PowerIterationOptions();
        var v = new double[inputDim];
        var y = new double[outputDim];
        var z = new double[inputDim];
        new Rng(o.Seed).FillNormal<double>(v, 0, 1);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm<double>(v), v);
        double sigma = 0;
        for (int it = 1; it <= o.MaxIterations; it++)
        {
            apply(v, y);
            double next = TensorPrimitives.Norm<double>(y);
            if (!double.IsFinite(next))
                throw new ArithmeticException($"PowerIteration.SpectralNorm: the operator produced a non-finite vector at iteration {it}.");
            applyTranspose(y, z);
            double zn = TensorPrimitives.Norm<double>(z);
            bool done = Math.Abs(next - sigma) <= o.RelativeTolerance * next;
            sigma = next;
            if (zn == 0) return new PowerIterationResult(sigma, v, it, true);
            if (done) return new PowerIterationResult(sigma, v, it, true);
            TensorPrimitives.Divide(z, zn, v);
        }
        return new PowerIterationResult(sigma, v, o.MaxIterations, false);
    }

    /// <summary>‖A‖₂ of an explicit matrix by power iteration (for tests and small operators; use <see cref="Svd"/> for all values).</summary>
    public static PowerIterationResult SpectralNorm<T>(Tensor<T> a, PowerIterationOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2) throw new TensorShapeException($"PowerIteration.SpectralNorm: expected a matrix, got shape {Shapes.Format(a.Shape)}.");
        int m = a.Dim(0), n = a.Dim(1);
        var d = RowMajor.ToDoubleArray(a, "PowerIteration.SpectralNorm");
        void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < m; i++) y[i] = TensorPrimitives.Dot<double>(d.AsSpan(i * n, n), x);
        }
        void ApplyT(ReadOnlySpan<double> y, Span<double> x)
        {
            x.Clear();
            for (int i = 0; i < m; i++) TensorPrimitives.MultiplyAdd(d.AsSpan(i * n, n), y[i], x, x);
        }
        return SpectralNorm(Apply, ApplyT, n, m, options);
    }
}
