using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Geometry: E_(x₁,x₂) (‖f(x₁) − f(x₂)‖ − ‖x₁ − x₂‖)² / n, pairs = the two halves of the batch.</summary>
public sealed class DistanceTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "distance";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Geometry;
    /// <inheritdoc/>
    public override string Formula => "E (‖f(x₁) − f(x₂)‖ − ‖x₁ − x₂‖)² / n";
    /// <inheritdoc/>
    public override string Estimator => "B/2 independent pairs (row r with row r + B/2)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "obfuscated data must stay usable: distances between samples survive the map; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        int half = ctx.BatchSize / 2, n = ctx.InputDim;
        var f = ctx.Output;
        var df = RowNorm(f.Slice(0, 0, half).Subtract(f.Slice(0, half, half)));
        var dx = new Tensor<T>(half);
        for (int r = 0; r < half; r++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.Pow(double.CreateTruncating(ctx.X[r, i]) - double.CreateTruncating(ctx.X[r + half, i]), 2);
            dx[r] = T.CreateTruncating(Math.Sqrt(s));
        }
        return df.Subtract(Var<T>.Constant(dx)).Square().Mean().Scale(T.CreateTruncating(1.0 / n));
    }
}
