using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>
/// Entropy: mutual information between input and output. The appendix writes
/// L_MI = E[log p(x)] − E[log p(x|θ)] = −H(X) + H(X|Θ) = −I(X; Θ), with θ = f(x). For a deterministic map the
/// exact I is infinite, so the term measures the <em>linear</em> (Gaussian) information: I ≈ ½ Σ_ij ρ_ij² (nats),
/// ρ_ij the batch correlation of x_i and f_j — the small-correlation limit of −½ log det(I − R Rᵀ) for white x.
/// </summary>
public sealed class MutualInformationTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "mutual_information";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Entropy;
    /// <inheritdoc/>
    public override string Formula => "I(x; f(x)) ≈ ½ Σ_ij corr(x_i, f_j)²  (the paper's L_MI is −I)";
    /// <inheritdoc/>
    public override string Estimator => "batch correlations of standardised inputs and outputs";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "I is minimised (the paper's L_MI = −I maximised): outputs should leak no linear information about inputs without the key";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx) => Linear(ctx);

    /// <summary>½ Σ_ij ρ_ij² for the context's batch.</summary>
    internal static Var<T> Linear<T>(TermContext<T> ctx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = ctx.BatchSize, n = ctx.InputDim;
        var xs = ctx.X.Clone();
        for (int i = 0; i < n; i++)
        {
            double mean = 0, sq = 0;
            for (int r = 0; r < b; r++) mean += double.CreateTruncating(xs[r, i]);
            mean /= b;
            for (int r = 0; r < b; r++) sq += Math.Pow(double.CreateTruncating(xs[r, i]) - mean, 2);
            double sd = Math.Sqrt(sq / b + 1e-12);
            for (int r = 0; r < b; r++) xs[r, i] = T.CreateTruncating((double.CreateTruncating(xs[r, i]) - mean) / sd);
        }
        var f = ctx.Output;
        var fc = f.Subtract(f.Mean(0));
        var fs = fc.Divide(fc.Square().Mean(0).Add(C<T>(1e-12)).Sqrt());
        var corr = Var<T>.Constant(xs).Transpose().MatMul(fs).Scale(T.CreateTruncating(1.0 / b));
        return corr.Square().Sum().Scale(T.CreateTruncating(0.5));
    }
}
