namespace Basin.Dynamics;

/// <summary>
/// PID step-size control with diffrax's defaults (<c>diffrax.PIDController</c>; Söderlind 2003, "Digital filters in
/// adaptive time-stepping", ACM TOMS 29, 1–26). With the scaled error ε_n of step n (accepted if ε_n &lt; 1) and the
/// error order q (p̂ + 1 for an embedded pair, <see cref="ButcherTableau.ErrorOrder"/>), the next step is
/// Δt_{n+1} = Δt_n · clip(safety · ε_n^{−β₁} ε_{n−1}^{−β₂} ε_{n−2}^{−β₃}), β₁ = (P + I + D)/q, β₂ = −(P + 2D)/q, β₃ = D/q,
/// clipped to [1, factormax] after an accepted step and to [factormin, safety] after a rejected one. The defaults
/// P = 0, I = 1, D = 0 are the classical I controller Δt · 0.9 ε^{−1/q} (Hairer, Nørsett &amp; Wanner, <i>Solving ODEs I</i>,
/// §II.4, eq. 4.13).
/// </summary>
/// <param name="PCoeff">Proportional coefficient P.</param>
/// <param name="ICoeff">Integral coefficient I.</param>
/// <param name="DCoeff">Derivative coefficient D.</param>
/// <param name="FactorMin">Smallest factor a rejected step is shrunk by.</param>
/// <param name="FactorMax">Largest factor a step may grow by.</param>
/// <param name="Safety">Safety factor.</param>
public sealed record PidController(double PCoeff = 0, double ICoeff = 1, double DCoeff = 0, double FactorMin = 0.2, double FactorMax = 10,
    double Safety = 0.9)
{
    /// <summary>diffrax's defaults: the I controller with factors in [0.2, 10] and safety 0.9.</summary>
    public static PidController Default { get; } = new();

    /// <summary>Validates the coefficients, throwing <see cref="ArgumentException"/> with a clear message.</summary>
    public PidController Validate()
    {
        if (!(FactorMin > 0 && FactorMin < 1)) throw new ArgumentException($"factormin must be in (0, 1), got {FactorMin}.");
        if (!(FactorMax > 1) || !double.IsFinite(FactorMax)) throw new ArgumentException($"factormax must be finite and > 1, got {FactorMax}.");
        if (!(Safety > 0 && Safety < 1)) throw new ArgumentException($"safety must be in (0, 1), got {Safety}.");
        if (!double.IsFinite(PCoeff) || !double.IsFinite(ICoeff) || !double.IsFinite(DCoeff) || PCoeff + ICoeff + DCoeff <= 0)
            throw new ArgumentException($"PID coefficients must be finite with P + I + D > 0, got {PCoeff}, {ICoeff}, {DCoeff}.");
        return this;
    }

    /// <summary>
    /// The factor Δt_{n+1}/Δt_n from the inverse scaled errors 1/ε of this and the two previous accepted steps
    /// (1 before there are any), for an error of order <paramref name="errorOrder"/>.
    /// </summary>
    public double Factor(bool accepted, double invError, double prevInvError, double prevPrevInvError, int errorOrder)
    {
        double q = errorOrder;
        double b1 = (PCoeff + ICoeff + DCoeff) / q, b2 = -(PCoeff + 2 * DCoeff) / q, b3 = DCoeff / q;
        double f = Safety;
        if (b1 != 0) f *= Math.Pow(invError, b1);
        if (b2 != 0) f *= Math.Pow(prevInvError, b2);
        if (b3 != 0) f *= Math.Pow(prevPrevInvError, b3);
        if (double.IsNaN(f)) f = accepted ? 1 : FactorMin;
        return accepted ? Math.Clamp(f, 1, FactorMax) : Math.Clamp(f, FactorMin, Safety);
    }
}
