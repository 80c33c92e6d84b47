using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>
/// Discontinuity: the local Lipschitz ratio E_x sup_{y≠x} ‖f(x) − f(y)‖ / ‖x − y‖, with the sup over C candidates
/// y per x: bits flipped c = 1…C (bit inputs), or Gaussian offsets at radii spread geometrically over two decades
/// around the perturbation size (continuous inputs). A lower bound of the true sup.
/// </summary>
public sealed class LipschitzTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "lipschitz";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Discontinuity;
    /// <inheritdoc/>
    public override string Formula => "E_x max_{c ≤ C} ‖f(x) − f(y_c)‖ / ‖x − y_c‖";
    /// <inheritdoc/>
    public override string Estimator => "C candidates per x in one stacked forward pass; max over candidates (a lower bound of the sup)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Maximise;
    /// <inheritdoc/>
    public override string Reading => "large local ratios mark a discontinuous-looking map; maximised with a small weight, while stability terms keep f bounded";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        int c = ctx.Options.LipschitzCandidates, b = ctx.BatchSize, n = ctx.InputDim;
        var ys = new Tensor<T>(c * b, n);
        var dist = new Tensor<T>(c * b);
        for (int k = 0; k < c; k++)
        {
            double size = ctx.Options.PerturbationSize * Math.Pow(10, c == 1 ? 0 : -1 + 2.0 * k / (c - 1));
            var y = ctx.Input.Perturb(ctx.Rng, ctx.X, size, k + 1);
            for (int r = 0; r < b; r++)
            {
                y.Row(r).CopyTo(ys.Row(k * b + r));
                double d2 = 0;
                for (int i = 0; i < n; i++) d2 += Math.Pow(double.CreateTruncating(y[r, i]) - double.CreateTruncating(ctx.X[r, i]), 2);
                dist[k * b + r] = T.CreateTruncating(Math.Max(Math.Sqrt(d2), 1e-12));
            }
        }
        var fy = ctx.Forward(ys);
        var fx = Ops.Concat(0, Enumerable.Repeat(ctx.Output, c).ToArray());
        var ratio = RowNorm(fy.Subtract(fx)).Divide(Var<T>.Constant(dist));
        return ratio.Reshape(c, b).Max(0).Mean();
    }
}
