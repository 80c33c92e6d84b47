using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>
/// Stability: the appendix defines a coefficient λ = λ₀(1 + E[log p(x)] − E[log p(x|θ)]) = λ₀(1 − I(X; Θ)) rather than
/// a loss. Reading: it scales a weight penalty, L = (1 − Ī)·mean_p θ_p², where Ī = I/(n·m) ∈ [0, ½] is the per-pair
/// linear mutual information of <see cref="MutualInformationTerm"/> and λ₀ is this term's weight. The penalty relaxes
/// as the map carries more input information, as the paper's coefficient does. Both factors are differentiated.
/// </summary>
public sealed class AdaptiveRegularizationTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "adaptive_regularization";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Stability;
    /// <inheritdoc/>
    public override string Formula => "(1 − I(x; f(x))/(n·m)) · mean_p θ_p²";
    /// <inheritdoc/>
    public override string Estimator => "linear mutual information from batch correlations times the mean squared parameter";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "weight decay whose strength adapts to the information the map carries; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        long count = ctx.Network.ParameterCount;
        var sq = ctx.TrackedParameters().Select(p => p.Square().Sum()).Aggregate((a, b) => a.Add(b)).Scale(T.CreateTruncating(1.0 / count));
        var info = MutualInformationTerm.Linear(ctx).Scale(T.CreateTruncating(1.0 / (ctx.InputDim * ctx.OutputDim)));
        return C<T>(1).Subtract(info).Relu().Multiply(sq);
    }
}
