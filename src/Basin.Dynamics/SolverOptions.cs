namespace Basin.Dynamics;

/// <summary>Options for a fixed-step solve.</summary>
/// <param name="Method">Runge–Kutta tableau.</param>
/// <param name="Dt">Step Δt (negative integrates backwards in time).</param>
/// <param name="Steps">Number of steps; horizon T = Steps·|Δt|.</param>
/// <param name="Clip">When positive, every state is clipped to [−Clip, Clip] after each step (the SA-nODE reference clips to ±10a).</param>
public sealed record SolverOptions(ButcherTableau Method, double Dt, int Steps, double Clip = 0)
{
    /// <summary>Validates the options, throwing <see cref="ArgumentException"/> with a clear message.</summary>
    public SolverOptions Validate()
    {
        if (!double.IsFinite(Dt) || Dt == 0) throw new ArgumentException($"Step size must be finite and non-zero, got {Dt}.");
        if (Steps < 0) throw new ArgumentException($"Step count must be non-negative, got {Steps}.");
        if (Clip < 0 || double.IsNaN(Clip)) throw new ArgumentException($"Clip must be ≥ 0, got {Clip}.");
        return this;
    }
}
