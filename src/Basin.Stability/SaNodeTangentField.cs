using Basin.SaNode;

namespace Basin.Stability;

/// <summary>
/// The SA-nODE field in double precision with its Jacobian–vector product J v = f'(x) ⊙ v + βAv,
/// f'(x) = 4|γ|(a² − 3x²) (Marino et al. 2024, eq. 1–3), for Lyapunov exponents.
/// </summary>
public sealed class SaNodeTangentField : ITangentField
{
    private readonly SaNodeField<double> _field;
    private readonly double[] _a;
    private readonly double _beta, _fourGamma, _a2;

    /// <summary>Builds the field of <paramref name="model"/> (coupling assembled in double precision).</summary>
    public SaNodeTangentField(SaNodeModel<double> model)
    {
        model.PrepareCoupling();
        var cfg = model.Config;
        Dimension = cfg.N;
        _a = (double[])model.CouplingMatrix.Clone();
        _beta = cfg.EffectiveBeta; _fourGamma = 4 * Math.Abs(model.Gamma); _a2 = cfg.A * cfg.A;
        _field = new SaNodeField<double>(cfg.N, cfg.A, cfg.EffectiveBeta) { Gamma = model.Gamma };
        _field.SetCoupling(_a);
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> k) => _field.Evaluate(x, k, 1);

    /// <inheritdoc/>
    public void JacobianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> w, int p)
    {
        int n = Dimension;
        // rows of W = rows of V times Aᵀ (βAv for each tangent v), then the diagonal reaction part.
        Basin.Tensors.Blas.Blas.Gemm(false, true, p, n, n, _beta, v, n, _a, n, 0.0, w, n);
        for (int r = 0; r < p; r++)
            for (int i = 0; i < n; i++) w[r * n + i] += _fourGamma * (_a2 - 3 * x[i] * x[i]) * v[r * n + i];
    }
}
