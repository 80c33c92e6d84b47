using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Stochasticity: L_curvature = E‖H_f(x)‖²_F / m, H_oij = ∂²f_o/∂x_i∂x_j.</summary>
public sealed class CurvatureTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "curvature";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Stochasticity;
    /// <inheritdoc/>
    public override string Formula => "E_x ‖H_f(x)‖²_F / m";
    /// <inheritdoc/>
    public override string Estimator => "(1/k) Σ_a ‖H[u_a, v_a]‖² / m, u, v ∼ N(0, I) independent, H[u, v] a finite difference of JVPs (four-point stencil, h = 10⁻²)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Maximise;
    /// <inheritdoc/>
    public override string Reading => "non-linearity of the response: a nearly linear map is predictable, so presets maximise it";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        var hv = ctx.Hvp(ctx.X);
        int k = ctx.Options.HessianProbes;
        return ctx.SumOverProbes(hv.Square().Sum(1), k, 1.0 / (k * ctx.OutputDim)).Mean();
    }
}
