using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Discontinuity: E max(0, ‖∂f(x)/∂v − ∂f(x + δ)/∂v‖_rms − ε) for a random unit direction v.</summary>
public sealed class DirectionalDiscontinuityTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "directional_discontinuity";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Discontinuity;
    /// <inheritdoc/>
    public override string Formula => "E_x max(0, ‖J(x)v − J(x + δ)v‖/√m − ε), v a random unit vector";
    /// <inheritdoc/>
    public override string Estimator => "two central-difference JVPs along the same v at x and x + δ";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Maximise;
    /// <inheritdoc/>
    public override string Reading => "how fast the local response changes: maximised, like every discontinuity term (see norm_discontinuity)";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        var v = ctx.Direction;
        var d = ctx.Jvp(ctx.X, v).Subtract(ctx.Jvp(ctx.Perturbed, v));
        return RowRms(d).Add(C<T>(-ctx.Options.DiscontinuityThreshold)).Relu().Mean();
    }
}
