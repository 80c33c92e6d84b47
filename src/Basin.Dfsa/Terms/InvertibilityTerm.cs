using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Invertibility: E Σ_ij max(0, ε − |J_ij(x)|) / (n·m) — Jacobian entries kept away from zero.</summary>
public sealed class InvertibilityTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "invertibility";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Invertibility;
    /// <inheritdoc/>
    public override string Formula => "E_x mean_ij max(0, ε − |J_f(x)_ij|)";
    /// <inheritdoc/>
    public override string Estimator => "Jacobian columns J e_i by central-difference JVPs: all n for small n, else k sampled columns (unbiased for the mean)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "every output depends on every input (completeness, as a cipher's round function needs); minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx) =>
        C<T>(ctx.Options.InvertibilityEpsilon).Subtract(ctx.Jvp(ctx.X, ctx.Columns).Abs()).Relu().Mean();
}
