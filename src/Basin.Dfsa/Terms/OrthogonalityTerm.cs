using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Invertibility: E‖J(x)ᵀJ(x) − I‖²_F / n.</summary>
public sealed class OrthogonalityTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "orthogonality";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Invertibility;
    /// <inheritdoc/>
    public override string Formula => "E_x ‖J_f(x)ᵀ J_f(x) − I‖²_F / n";
    /// <inheritdoc/>
    public override string Estimator => "full basis: Σ_ij ((Je_i)·(Je_j) − δ_ij)² exactly; else mean over probe pairs a ≠ b of ((Ju_a)·(Ju_b) − u_a·u_b)², unbiased for independent Gaussian u (needs k ≥ 2)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "a locally orthogonal map loses no information and is well conditioned to invert; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        var p = ctx.Probes;
        var z = ctx.Jvp(ctx.X, p);
        int b = ctx.BatchSize, k = p.Count;
        if (!p.IsBasis && k < 2) throw new ArgumentException("orthogonality: Hutchinson estimation needs at least 2 probes.");
        var cols = Enumerable.Range(0, k).Select(a => z.Slice(0, a * b, b)).ToArray();
        Var<T>? sum = null;
        int pairs = 0;
        for (int i = 0; i < k; i++)
            for (int j = p.IsBasis ? i : i + 1; j < k; j++)
            {
                var g = cols[i].Multiply(cols[j]).Sum(1);
                Var<T> target;
                if (p.IsBasis) target = C<T>(i == j ? 1 : 0);
                else
                {
                    var dot = new Tensor<T>(b);
                    for (int r = 0; r < b; r++)
                        dot[r] = System.Numerics.Tensors.TensorPrimitives.Dot<T>(p.Directions.Row(i * b + r), p.Directions.Row(j * b + r));
                    target = Var<T>.Constant(dot);
                }
                var e = g.Subtract(target).Square().Scale(T.CreateTruncating(p.IsBasis && i != j ? 2 : 1));
                sum = sum is null ? e : sum.Add(e);
                pairs++;
            }
        double scale = p.IsBasis ? 1.0 / ctx.InputDim : 1.0 / (pairs * ctx.InputDim);
        return sum!.Mean().Scale(T.CreateTruncating(scale));
    }
}
