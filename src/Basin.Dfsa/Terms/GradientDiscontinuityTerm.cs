using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Discontinuity: E‖J(x) − J(x + δ)‖_F / √m.</summary>
public sealed class GradientDiscontinuityTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "gradient_discontinuity";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Discontinuity;
    /// <inheritdoc/>
    public override string Formula => "E_x ‖∇_x f(x) − ∇_x f(x + δ)‖_F / √m";
    /// <inheritdoc/>
    public override string Estimator => "√(Σ_a w‖(J(x) − J(x + δ))v_a‖² / m) with the sensitivity probes (exact on the full basis, Hutchinson otherwise)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Maximise;
    /// <inheritdoc/>
    public override string Reading => "a Jacobian that varies from point to point defeats linear approximation; maximised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        var p = ctx.Probes;
        var d = ctx.Jvp(ctx.X, p).Subtract(ctx.Jvp(ctx.Perturbed, p));
        return ctx.SumOverProbes(d.Square().Sum(1), p.Count, p.Weight / ctx.OutputDim).Add(C<T>(1e-12)).Sqrt().Mean();
    }
}
