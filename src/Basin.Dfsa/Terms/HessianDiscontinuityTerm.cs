using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Discontinuity: E‖H(x) − H(x + δ)‖_F / √m.</summary>
public sealed class HessianDiscontinuityTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "hessian_discontinuity";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Discontinuity;
    /// <inheritdoc/>
    public override string Formula => "E_x ‖∇²_x f(x) − ∇²_x f(x + δ)‖_F / √m";
    /// <inheritdoc/>
    public override string Estimator => "√((1/k) Σ_a ‖(H(x) − H(x + δ))[u_a, v_a]‖² / m), Hessian–vector products by finite differences of JVPs";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Maximise;
    /// <inheritdoc/>
    public override string Reading => "variation of curvature between neighbouring points; maximised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        int k = ctx.Options.HessianProbes;
        var d = ctx.Hvp(ctx.X).Subtract(ctx.Hvp(ctx.Perturbed));
        return ctx.SumOverProbes(d.Square().Sum(1), k, 1.0 / (k * ctx.OutputDim)).Add(C<T>(1e-12)).Sqrt().Mean();
    }
}
