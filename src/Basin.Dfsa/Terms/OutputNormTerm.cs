using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Stability ("L_norm"): E‖f(x)‖² / m.</summary>
public sealed class OutputNormTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "output_norm";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Stability;
    /// <inheritdoc/>
    public override string Formula => "E_x ‖f(x)‖² / m";
    /// <inheritdoc/>
    public override string Estimator => "exact on the batch";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "quadratic pull of outputs towards zero; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx) => ctx.Output.Square().Mean();
}
