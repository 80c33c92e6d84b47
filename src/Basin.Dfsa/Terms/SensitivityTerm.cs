using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>Stochasticity: L_sensitivity = E‖J_f(x)‖²_F / m.</summary>
public sealed class SensitivityTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "sensitivity";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Stochasticity;
    /// <inheritdoc/>
    public override string Formula => "E_x ‖J_f(x)‖²_F / m";
    /// <inheritdoc/>
    public override string Estimator => "Σ_a w‖J v_a‖² with central-difference JVPs: full basis (exact) for small n, else Hutchinson with k Gaussian probes";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Maximise;
    /// <inheritdoc/>
    public override string Reading => "the paper's stochasticity: how strongly outputs respond to inputs; maximised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        var p = ctx.Probes;
        var jv = ctx.Jvp(ctx.X, p);
        return ctx.SumOverProbes(jv.Square().Sum(1), p.Count, p.Weight / ctx.OutputDim).Mean();
    }
}
