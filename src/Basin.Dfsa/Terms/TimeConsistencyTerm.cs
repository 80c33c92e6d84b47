using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>
/// Geometry: E‖f(x_t) − f(x_{t+1})‖² / m. Reading of (x_t, x_{t+1}) ∼ p(x): consecutive states of a slow trajectory
/// through input space, x_{t+1} = x_t + η·ξ (one bit flipped for bit inputs) — consecutive frames of an animation,
/// consecutive records of a stream.
/// </summary>
public sealed class TimeConsistencyTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "time_consistency";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Geometry;
    /// <inheritdoc/>
    public override string Formula => "E ‖f(x_t) − f(x_{t+1})‖² / m, x_{t+1} = x_t + η ξ";
    /// <inheritdoc/>
    public override string Estimator => "one extra forward pass at x_{t+1} (η = TimeStep, or one bit flip)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "nearby states in time map to nearby outputs; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx) => ctx.NextOutput.Subtract(ctx.Output).Square().Mean();
}
