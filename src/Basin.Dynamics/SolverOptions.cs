namespace Basin.Dynamics;

/// <summary>Options for a fixed-step solve.</summary>
/// <param name="Method">Runge–Kutta tableau.</param>
/// <param name="Dt">Step Δt (negative integrates backwards in time).</param>
/// <param name="Steps">Number of steps; horizon T = Steps·|Δt|.</param>
/// <param name="Clip">When positive, every state is clipped to [−Clip, Clip] after each step (the SA-nODE reference clips to ±10a).</param>
/// <param name="AdjointClip">
/// When positive, the backward pass caps the Euclidean norm of each sample's adjoint g_n = ∂L/∂x_n at AdjointClip times
/// that sample's ‖∂L/∂x(T)‖, step by step. Trajectories near a basin boundary (a separatrix) have adjoints that grow like
/// e^{μT} backwards in time (μ the unstable rate there); over long horizons a few such samples dominate the batch gradient
/// although it is valid only within a tiny radius. Capping them is a biased, truncated gradient (like gradient clipping in
/// recurrent networks); samples that converge have shrinking adjoints and are unaffected. 0 = exact gradients.
/// </param>
public sealed record SolverOptions(ButcherTableau Method, double Dt, int Steps, double Clip = 0, double AdjointClip = 0)
{
    /// <summary>Validates the options, throwing <see cref="ArgumentException"/> with a clear message.</summary>
    public SolverOptions Validate()
    {
        if (!double.IsFinite(Dt) || Dt == 0) throw new ArgumentException($"Step size must be finite and non-zero, got {Dt}.");
        if (Steps < 0) throw new ArgumentException($"Step count must be non-negative, got {Steps}.");
        if (Clip < 0 || double.IsNaN(Clip)) throw new ArgumentException($"Clip must be ≥ 0, got {Clip}.");
        if (AdjointClip < 0 || !double.IsFinite(AdjointClip)) throw new ArgumentException($"Adjoint clip must be ≥ 0 and finite, got {AdjointClip}.");
        return this;
    }
}
