using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Discontinuity: E max(0, ‖f(x + δ) − f(x)‖_rms − ε).</summary>
public sealed class NormDiscontinuityTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "norm_discontinuity";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Discontinuity;
    /// <inheritdoc/>
    public override string Formula => "E_x max(0, ‖f(x + δ) − f(x)‖/√m − ε)";
    /// <inheritdoc/>
    public override string Estimator => "one extra forward pass at x + δ: one bit flipped for bit inputs (the avalanche perturbation), Gaussian δ otherwise";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Maximise;
    /// <inheritdoc/>
    public override string Reading => "the paper heads the family 'prevent numerical instability', but for cryptography a small input change must move the output far (avalanche), so presets maximise it; ε only ignores changes below the threshold";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx) =>
        RowRms(ctx.PerturbedOutput.Subtract(ctx.Output)).Add(C<T>(-ctx.Options.DiscontinuityThreshold)).Relu().Mean();
}
