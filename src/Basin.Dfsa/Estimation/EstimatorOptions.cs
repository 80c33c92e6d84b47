namespace Basin.Dfsa.Estimation;

/// <summary>How Jacobian quantities are estimated.</summary>
public enum JacobianMode
{
    /// <summary>Full Jacobian (all n basis JVPs) when n ≤ <see cref="EstimatorOptions.FullJacobianMaxDim"/>, else Hutchinson.</summary>
    Auto,
    /// <summary>Always all n basis JVPs.</summary>
    Full,
    /// <summary>Always k random Gaussian probes.</summary>
    Hutchinson,
}

/// <summary>
/// Estimator settings shared by every term. Sizes of steps and perturbations are multiples of the input
/// distribution's scale.
/// </summary>
public sealed record EstimatorOptions
{
    /// <summary>Full Jacobian or Hutchinson probes.</summary>
    public JacobianMode Mode { get; init; } = JacobianMode.Auto;

    /// <summary>Largest n for which <see cref="JacobianMode.Auto"/> builds the full Jacobian.</summary>
    public int FullJacobianMaxDim { get; init; } = 8;

    /// <summary>k, random probes per sample for Hutchinson estimates (and columns sampled for entry-wise terms).</summary>
    public int Probes { get; init; } = 4;

    /// <summary>Random (u, v) pairs per sample for Hessian terms.</summary>
    public int HessianProbes { get; init; } = 2;

    /// <summary>h of the central-difference JVP J v ≈ (f(x + hv) − f(x − hv)) / 2h.</summary>
    public double JvpStep { get; init; } = 1e-3;

    /// <summary>h of the second difference H[u, v] ≈ (J(x + hu) v − J(x − hu) v) / 2h.</summary>
    public double HessianStep { get; init; } = 1e-2;

    /// <summary>Standard deviation of the perturbation δ of continuous inputs (discontinuity terms).</summary>
    public double PerturbationSize { get; init; } = 0.1;

    /// <summary>Bits flipped by the perturbation δ of bit inputs.</summary>
    public int PerturbationFlips { get; init; } = 1;

    /// <summary>Step of the trajectory x_t → x_{t+1} for time consistency (continuous inputs; bits flip one bit).</summary>
    public double TimeStep { get; init; } = 0.05;

    /// <summary>ε_threshold of the norm and directional discontinuity hinges.</summary>
    public double DiscontinuityThreshold { get; init; } = 0.01;

    /// <summary>ε of the invertibility hinge max(0, ε − |J_ij|).</summary>
    public double InvertibilityEpsilon { get; init; } = 0.1;

    /// <summary>max_threshold of the overflow penalty.</summary>
    public double OverflowThreshold { get; init; } = 5;

    /// <summary>Bins of the soft histogram behind the entropy term.</summary>
    public int EntropyBins { get; init; } = 16;

    /// <summary>Candidates y per x for the Lipschitz sup.</summary>
    public int LipschitzCandidates { get; init; } = 6;

    /// <summary>Checks the settings and returns this instance.</summary>
    public EstimatorOptions Validate()
    {
        if (Probes < 1 || HessianProbes < 1 || LipschitzCandidates < 1 || EntropyBins < 2 || FullJacobianMaxDim < 0 || PerturbationFlips < 1)
            throw new ArgumentException("Estimator counts must be positive (probes, Hessian probes, Lipschitz candidates, entropy bins ≥ 2).");
        if (!(JvpStep > 0) || !(HessianStep > 0) || !(PerturbationSize > 0) || !(TimeStep > 0))
            throw new ArgumentException("Estimator steps must be positive.");
        return this;
    }
}
