namespace Basin.Dynamics;

/// <summary>What an adaptive solve did.</summary>
/// <param name="Time">The time reached (T1).</param>
/// <param name="AcceptedSteps">Accepted steps.</param>
/// <param name="RejectedSteps">Rejected steps (each cost a full step of evaluations).</param>
/// <param name="Evaluations">Batched evaluations of F, including the initial-step selection.</param>
/// <param name="SmallestStep">Smallest accepted |Δt| (the last, shortened step to T1 excluded unless it was the only one).</param>
/// <param name="LargestStep">Largest accepted |Δt|.</param>
/// <param name="RowSteps">Row-steps integrated: batch × accepted steps, less when settled rows retire.</param>
/// <param name="RowEvaluations">Rows evaluated summed over the evaluations of F: batch × <paramref name="Evaluations"/>, less
/// when settled rows retire.</param>
public sealed record AdaptiveSolveResult(double Time, int AcceptedSteps, int RejectedSteps, long Evaluations, double SmallestStep, double LargestStep,
    long RowSteps = 0, long RowEvaluations = 0);
