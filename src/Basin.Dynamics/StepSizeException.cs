namespace Basin.Dynamics;

/// <summary>
/// An adaptive solve that could not reach its end time: it ran out of steps (<see cref="AdaptiveOptions.MaxSteps"/>) or the
/// step size fell below the minimum (a singularity, stiffness the explicit pair cannot follow, or a NaN in the field).
/// The message names the time reached and the step size.
/// </summary>
public sealed class StepSizeException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public StepSizeException(string message, double time, double step, int steps) : base(message)
    {
        Time = time; Step = step; Steps = steps;
    }

    /// <summary>The time the solve reached (the start of the failing step).</summary>
    public double Time { get; }

    /// <summary>The step size |Δt| at the failure.</summary>
    public double Step { get; }

    /// <summary>Steps tried, accepted and rejected.</summary>
    public int Steps { get; }
}
