using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Invertibility: ‖Cov(f(x)) − I‖²_F / m over the batch.</summary>
public sealed class RedundancyTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "redundancy";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Invertibility;
    /// <inheritdoc/>
    public override string Formula => "‖Cov_x(f(x)) − I‖²_F / m";
    /// <inheritdoc/>
    public override string Estimator => "unbiased batch covariance (B − 1 denominator)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "decorrelated, unit-variance outputs carry no redundant copies of each other; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        var f = ctx.Output;
        var fc = f.Subtract(f.Mean(0));
        var cov = fc.Transpose().MatMul(fc).Scale(T.CreateTruncating(1.0 / (ctx.BatchSize - 1)));
        return cov.Subtract(Var<T>.Constant(Tensor.Eye<T>(ctx.OutputDim))).Square().Sum().Scale(T.CreateTruncating(1.0 / ctx.OutputDim));
    }
}
