using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Stability ("L_regularization"): E mean_o ln(1 + |f_o(x)|).</summary>
public sealed class LogMagnitudeTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "log_magnitude";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Stability;
    /// <inheritdoc/>
    public override string Formula => "E_x mean_o ln(1 + |f_o(x)|)";
    /// <inheritdoc/>
    public override string Estimator => "exact on the batch";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "a gentle, logarithmic pull of outputs towards zero; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx) => ctx.Output.Abs().Add(C<T>(1)).Log().Mean();
}
