namespace Basin.Dynamics;

/// <summary>
/// Options for an adaptive solve from <paramref name="T0"/> to <paramref name="T1"/> (T1 &lt; T0 integrates backwards).
/// A step is accepted when the scaled error ε = max over rows of the RMS over the state of
/// e_j / (atol + rtol·max(|x_j|, |x'_j|)) is below 1 (diffrax's <c>rms_norm</c>, Hairer, Nørsett &amp; Wanner §II.4 eq. 4.11,
/// with one step size for the whole batch, hence the max over rows).
/// </summary>
/// <param name="Method">An embedded pair (<see cref="ButcherTableau.IsAdaptive"/>).</param>
/// <param name="T0">Start time.</param>
/// <param name="T1">End time.</param>
/// <param name="Rtol">Relative tolerance (required, ≥ 0).</param>
/// <param name="Atol">Absolute tolerance (required, ≥ 0; rtol + atol &gt; 0).</param>
/// <param name="Controller">Step-size controller; null = <see cref="PidController.Default"/>.</param>
/// <param name="InitialStep">First step |Δt₀|; 0 selects it by Hairer's algorithm (§II.4, "Starting step size").</param>
/// <param name="MinStep">
/// Smallest |Δt| allowed: a step the controller would shrink below it fails with <see cref="StepSizeException"/>. 0 means
/// the floating-point floor 64·ε·max(|t|, |T1 − T0|), below which t + Δt stops moving (diffrax's "underflow in dt").
/// </param>
/// <param name="MaxStep">Largest |Δt| (0 = unbounded; the step never overshoots T1).</param>
/// <param name="MaxSteps">Most steps, accepted and rejected together, before failing with <see cref="StepSizeException"/>
/// (diffrax's <c>max_steps</c>, default 4096 there too).</param>
/// <param name="Clip">When positive, accepted states are clipped to [−Clip, Clip] (as <see cref="SolverOptions.Clip"/>).</param>
/// <param name="SettleTolerance">
/// When positive, a row retires after the accepted step at which its velocity ‖F(x)‖∞ falls below it: its state is taken
/// as x(T1) and the batch shrinks (as <see cref="FixedStepSolver{T}.ForwardSettling"/>). Not with save times.
/// </param>
/// <param name="PerRow">
/// When true every row of the batch has its own time, step size and controller state: a step is accepted or rejected
/// row by row on that row's RMS error, and a row retires when it reaches T1. The rows are still evaluated together
/// (one batched F per stage, F autonomous). Not with save times.
/// </param>
public sealed record AdaptiveOptions(ButcherTableau Method, double T0, double T1, double Rtol, double Atol, PidController? Controller = null,
    double InitialStep = 0, double MinStep = 0, double MaxStep = 0, int MaxSteps = 4096, double Clip = 0, double SettleTolerance = 0,
    bool PerRow = false)
{
    /// <summary>The controller in effect.</summary>
    public PidController Pid => Controller ?? PidController.Default;

    /// <summary>Validates the options, throwing <see cref="ArgumentException"/> with a clear message.</summary>
    public AdaptiveOptions Validate()
    {
        if (!Method.IsAdaptive)
            throw new ArgumentException($"Solver '{Method.Name}' has no embedded error estimate; adaptive solvers: {string.Join(", ", ButcherTableau.AdaptiveNames)}.");
        if (!double.IsFinite(T0) || !double.IsFinite(T1)) throw new ArgumentException($"Times must be finite, got [{T0}, {T1}].");
        if (!(Rtol >= 0) || !(Atol >= 0) || !double.IsFinite(Rtol) || !double.IsFinite(Atol) || Rtol + Atol <= 0)
            throw new ArgumentException($"rtol and atol must be finite, ≥ 0 and not both 0, got rtol = {Rtol}, atol = {Atol}.");
        if (!(InitialStep >= 0) || !double.IsFinite(InitialStep)) throw new ArgumentException($"Initial step must be ≥ 0 and finite, got {InitialStep}.");
        if (!(MinStep >= 0) || !double.IsFinite(MinStep)) throw new ArgumentException($"Minimum step must be ≥ 0 and finite, got {MinStep}.");
        if (!(MaxStep >= 0) || !double.IsFinite(MaxStep)) throw new ArgumentException($"Maximum step must be ≥ 0 and finite, got {MaxStep}.");
        if (MaxStep > 0 && MaxStep < MinStep) throw new ArgumentException($"Maximum step {MaxStep} is below the minimum step {MinStep}.");
        if (MaxSteps < 1) throw new ArgumentException($"MaxSteps must be ≥ 1, got {MaxSteps}.");
        if (Clip < 0 || double.IsNaN(Clip)) throw new ArgumentException($"Clip must be ≥ 0, got {Clip}.");
        if (!(SettleTolerance >= 0)) throw new ArgumentException($"Settling tolerance must be ≥ 0, got {SettleTolerance}.");
        Pid.Validate();
        return this;
    }

    /// <summary>"dopri5, rtol 1e-06, atol 1e-08": for messages.</summary>
    public string Describe() => FormattableString.Invariant($"{Method.Name}, rtol {Rtol:G3}, atol {Atol:G3}{(PerRow ? ", per-row steps" : "")}");
}
