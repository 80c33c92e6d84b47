namespace Basin.SaNode;

/// <summary>
/// Hyper-parameters of an SA-nODE (Marino et al. 2024, §II; SPEC §1). Defaults follow the paper and the reference code:
/// a = 0.5, γ₀ = 0.4, β = 1/√N, Δt = 0.1, steps clipped to ±10a, Φ_train orthogonal with gain 1.15,
/// λ ~ 𝒩(−5, 1), stability margin 0.1 below the bound 8a²|γ|/β.
/// </summary>
public sealed record SaNodeConfig
{
    /// <summary>Number of nodes N (one per pixel).</summary>
    public int N { get; init; } = 784;

    /// <summary>Number of classes K (planted attractors).</summary>
    public int K { get; init; } = 10;

    /// <summary>Double-well minima ±a.</summary>
    public double A { get; init; } = 0.5;

    /// <summary>Initial well depth γ (trainable; the dynamics use |γ|).</summary>
    public double Gamma0 { get; init; } = 0.4;

    /// <summary>Coupling scale β; NaN means 1/√N.</summary>
    public double Beta { get; init; } = double.NaN;

    /// <summary>Gain of the orthogonal initialisation of Φ_train.</summary>
    public double OrthogonalGain { get; init; } = 1.15;

    /// <summary>Mean of the initial trainable eigenvalues λ.</summary>
    public double LambdaMean { get; init; } = -5;

    /// <summary>Standard deviation of the initial trainable eigenvalues λ.</summary>
    public double LambdaStd { get; init; } = 1;

    /// <summary>Margin kept below the stability bound: λ ≤ 8a²|γ|/β − margin.</summary>
    public double StabilityMargin { get; init; } = 0.1;

    /// <summary>Weight of the column-orthogonality regulariser on Φ_train (reference: 0.01).</summary>
    public double OrthogonalityPenalty { get; init; } = 0.01;

    /// <summary>
    /// Initialisation of Φ_train: <c>complement</c> (default) draws an orthonormal basis of the orthogonal complement of the
    /// attractors' span, so Φ = [gain·Q | Φ_fix] is orthogonal up to the gain and A starts normal and well conditioned;
    /// <c>reference</c> is the reference code's unconstrained random orthogonal matrix, whose columns can make Φ badly
    /// conditioned for small N (e.g. the 7×7 letters), and A strongly non-normal.
    /// </summary>
    public string Init { get; init; } = "complement";

    /// <summary>Effective β.</summary>
    public double EffectiveBeta => double.IsNaN(Beta) ? 1.0 / Math.Sqrt(N) : Beta;

    /// <summary>Width b = ⌊N/(K+2)⌋ of each attractor's block of −a entries (reference layout).</summary>
    public int BlockWidth => N / (K + 2);

    /// <summary>Validates ranges, throwing <see cref="ArgumentException"/> with a clear message.</summary>
    public SaNodeConfig Validate()
    {
        if (N < 2) throw new ArgumentException($"SA-nODE needs N ≥ 2 nodes, got {N}.");
        if (K < 1 || K >= N) throw new ArgumentException($"SA-nODE needs 1 ≤ K < N attractors, got K = {K}, N = {N}.");
        if (BlockWidth < 1) throw new ArgumentException($"N = {N} is too small for K = {K} attractor blocks (b = ⌊N/(K+2)⌋ = 0).");
        if (!(A > 0)) throw new ArgumentException($"a must be positive, got {A}.");
        if (!double.IsFinite(Gamma0) || Gamma0 == 0) throw new ArgumentException($"γ₀ must be finite and non-zero, got {Gamma0}.");
        if (Init is not ("complement" or "reference")) throw new ArgumentException($"Init must be complement or reference, got '{Init}'.");
        if (!(EffectiveBeta > 0)) throw new ArgumentException($"β must be positive, got {EffectiveBeta}.");
        return this;
    }
}
