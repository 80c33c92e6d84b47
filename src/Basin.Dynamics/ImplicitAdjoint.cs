using System.Numerics;

namespace Basin.Dynamics;

/// <summary>What <see cref="ImplicitAdjoint{T}.Solve"/> did.</summary>
/// <param name="Iterations">BiCGSTAB iterations of the slowest row.</param>
/// <param name="VectorJacobianProducts">Batched products Jᵀv (two per iteration, plus the parameter pass).</param>
/// <param name="MaxRelativeResidual">max over rows of ‖Jᵀλ + g‖ / ‖g‖ at the end.</param>
/// <param name="Converged">Whether every row met the tolerance.</param>
public sealed record ImplicitAdjointResult(int Iterations, long VectorJacobianProducts, double MaxRelativeResidual, bool Converged);

/// <summary>
/// The implicit adjoint at an attractor, as deep-equilibrium models backpropagate (Bai, Kolter &amp; Koltun 2019, "Deep
/// Equilibrium Models", NeurIPS, §3.1): at a fixed point x* with F(x*, θ) = 0 the implicit function theorem gives
/// dx*/dθ = −J⁻¹ ∂F/∂θ (J = ∂F/∂x at x*), so for a loss L(x*)
/// <code>
///   solve Jᵀ λ = −∂L/∂x*,      then  ∂L/∂θ = (∂F/∂θ)ᵀ λ,
/// </code>
/// one linear solve per row instead of backpropagating through the steps — memory O(B·N) whatever the horizon. The
/// solve is BiCGSTAB (van der Vorst 1992, SIAM J. Sci. Stat. Comput. 13, 631–644) per row, its products Jᵀv being one
/// batched <see cref="IBatchVectorField{T}.VectorJacobianProduct"/> for all rows; dot products in double. J is stable
/// (Re spec J &lt; 0) at an attractor, so the system is well posed; it is the steady state of the continuous adjoint
/// dλ/dτ = Jᵀλ + ∂L/∂x*, i.e. the discrete adjoint's limit as T → ∞ when x(T) → x*.
/// </summary>
public sealed class ImplicitAdjoint<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _r = [], _rHat = [], _p = [], _v = [], _s = [], _t = [];
    private double[] _rho = [], _alpha = [], _omega = [], _norm = [];
    private bool[] _done = [];

    /// <summary>
    /// Solves Jᵀλ = −g row by row at the fixed points <paramref name="fixedPoints"/> (B×N) for g = <paramref name="gradFixedPoint"/>,
    /// writes λ to <paramref name="lambda"/> and, when <paramref name="accumulateParameters"/> is set, adds (∂F/∂θ)ᵀλ to the
    /// field's parameter accumulators (one more VJP). The fixed points should satisfy F(x*) ≈ 0 (e.g. a settled solve).
    /// </summary>
    public ImplicitAdjointResult Solve(IBatchVectorField<T> field, ReadOnlySpan<T> fixedPoints, ReadOnlySpan<T> gradFixedPoint, int batch, Span<T> lambda,
        double tolerance = 1e-8, int maxIterations = 500, bool accumulateParameters = true, CancellationToken cancel = default)
    {
        int n = field.Dimension, len = batch * n;
        if (batch < 1) throw new ArgumentException($"Batch must be ≥ 1, got {batch}.");
        if (fixedPoints.Length < len || gradFixedPoint.Length < len || lambda.Length < len)
            throw new ArgumentException($"Implicit adjoint: buffers must hold {batch}×{n} values.");
        if (!(tolerance > 0) || maxIterations < 1) throw new ArgumentException("The tolerance and the iteration limit must be positive.");
        Prepare(len, batch);
        var x = fixedPoints[..len];
        var r = _r.AsSpan(0, len); var rHat = _rHat.AsSpan(0, len); var p = _p.AsSpan(0, len);
        var v = _v.AsSpan(0, len); var s = _s.AsSpan(0, len); var t = _t.AsSpan(0, len);
        var lam = lambda[..len];
        lam.Clear(); p.Clear(); v.Clear();
        for (int i = 0; i < len; i++) r[i] = -gradFixedPoint[i];
        r.CopyTo(rHat);
        for (int b = 0; b < batch; b++)
        {
            _rho[b] = _alpha[b] = _omega[b] = 1;
            _norm[b] = Math.Sqrt(Dot(r, r, b, n));
            _done[b] = _norm[b] == 0;
        }
        long products = 0;
        int iterations = 0;
        while (iterations < maxIterations && Array.IndexOf(_done, false, 0, batch) >= 0)
        {
            cancel.ThrowIfCancellationRequested();
            iterations++;
            for (int b = 0; b < batch; b++)
            {
                if (_done[b]) continue;
                double rho = Dot(rHat, r, b, n);
                if (Math.Abs(rho) < 1e-300 || _omega[b] == 0)
                {
                    // Breakdown: restart this row's Krylov space from its current residual.
                    r.Slice(b * n, n).CopyTo(rHat.Slice(b * n, n));
                    p.Slice(b * n, n).Clear(); v.Slice(b * n, n).Clear();
                    _alpha[b] = _omega[b] = _rho[b] = 1;
                    rho = Dot(rHat, r, b, n);
                }
                double beta = rho / _rho[b] * (_alpha[b] / _omega[b]);
                _rho[b] = rho;
                T bt = T.CreateTruncating(beta), om = T.CreateTruncating(_omega[b]);
                for (int i = b * n; i < (b + 1) * n; i++) p[i] = r[i] + bt * (p[i] - om * v[i]);
            }
            field.VectorJacobianProduct(x, p, v, batch, false);
            products++;
            for (int b = 0; b < batch; b++)
            {
                if (_done[b]) continue;
                double d = Dot(rHat, v, b, n);
                _alpha[b] = d == 0 ? 0 : _rho[b] / d;
                T al = T.CreateTruncating(_alpha[b]);
                for (int i = b * n; i < (b + 1) * n; i++) s[i] = r[i] - al * v[i];
            }
            field.VectorJacobianProduct(x, s, t, batch, false);
            products++;
            for (int b = 0; b < batch; b++)
            {
                if (_done[b]) continue;
                double tt = Dot(t, t, b, n);
                _omega[b] = tt == 0 ? 0 : Dot(t, s, b, n) / tt;
                T al = T.CreateTruncating(_alpha[b]), om = T.CreateTruncating(_omega[b]);
                for (int i = b * n; i < (b + 1) * n; i++)
                {
                    lam[i] += al * p[i] + om * s[i];
                    r[i] = s[i] - om * t[i];
                }
                if (Math.Sqrt(Dot(r, r, b, n)) <= tolerance * _norm[b]) _done[b] = true;
            }
        }
        // The true residual of every row (the recursive one drifts in low precision).
        field.VectorJacobianProduct(x, lam, t, batch, false);
        products++;
        double worst = 0;
        for (int b = 0; b < batch; b++)
        {
            if (_norm[b] == 0) continue;
            double sum = 0;
            for (int i = b * n; i < (b + 1) * n; i++) { double e = double.CreateTruncating(t[i] + gradFixedPoint[i]); sum += e * e; }
            worst = Math.Max(worst, Math.Sqrt(sum) / _norm[b]);
        }
        if (accumulateParameters)
        {
            field.VectorJacobianProduct(x, lam, t, batch, true);
            products++;
        }
        return new ImplicitAdjointResult(iterations, products, worst, Array.IndexOf(_done, false, 0, batch) < 0);
    }

    private static double Dot(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int row, int n)
    {
        double s = 0;
        for (int i = row * n; i < (row + 1) * n; i++) s += double.CreateTruncating(a[i]) * double.CreateTruncating(b[i]);
        return s;
    }

    private void Prepare(int len, int batch)
    {
        if (_r.Length < len) { _r = new T[len]; _rHat = new T[len]; _p = new T[len]; _v = new T[len]; _s = new T[len]; _t = new T[len]; }
        if (_rho.Length < batch) { _rho = new double[batch]; _alpha = new double[batch]; _omega = new double[batch]; _norm = new double[batch]; _done = new bool[batch]; }
    }
}
