using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Stability: E Σ_o max(0, |f_o(x)| − T) / m.</summary>
public sealed class OverflowTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "overflow";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Stability;
    /// <inheritdoc/>
    public override string Formula => "E_x mean_o max(0, |f_o(x)| − max_threshold)";
    /// <inheritdoc/>
    public override string Estimator => "exact on the batch";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "zero inside the safe range, linear outside: stops maximised terms from buying value with huge outputs";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx) => ctx.Output.Abs().Add(C<T>(-ctx.Options.OverflowThreshold)).Relu().Mean();
}
