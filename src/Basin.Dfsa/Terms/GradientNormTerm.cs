using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>
/// Stochasticity ("L_stability" of the appendix): E‖∇_x s(x)‖² for the summed read-out s = (1/√m) Σ_o f_o, i.e.
/// ‖Jᵀ1‖²/m. For a vector f the literal ‖∇_x f‖²_F equals the sensitivity; the summed read-out makes it a distinct,
/// useful quantity: the sensitivity that survives when all outputs are added up.
/// </summary>
public sealed class GradientNormTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "gradient_norm";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Stochasticity;
    /// <inheritdoc/>
    public override string Formula => "E_x ‖∇_x s(x)‖², s = Σ_o f_o / √m  (= ‖Jᵀ1‖²/m)";
    /// <inheritdoc/>
    public override string Estimator => "Σ_a w (1ᵀ J v_a)² / m from the same JVPs as sensitivity (exact on the full basis, Hutchinson otherwise)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "the paper files it as a stability gradient norm: minimised, so output sensitivities cancel in aggregate (no linear leak through the sum) while each output stays sensitive";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        var p = ctx.Probes;
        var jv = ctx.Jvp(ctx.X, p);
        return ctx.SumOverProbes(jv.Sum(1).Square(), p.Count, p.Weight / ctx.OutputDim).Mean();
    }
}
