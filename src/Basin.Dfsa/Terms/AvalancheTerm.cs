using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>
/// Avalanche (not in the white paper's catalogue): the mean over outputs of the squared uncentred correlation between
/// f_o(x) and f_o(x + δ), δ one bit flip for bit inputs. For a zero-mean jointly Gaussian pair with correlation ρ,
/// P(sign f_o(x) ≠ sign f_o(x + δ)) = ½ − arcsin(ρ)/π (Sheppard 1899), so ρ = 0 is an avalanche of ½ on every output;
/// a non-zero mean raises ρ too, so the term also asks for balanced output signs.
/// </summary>
public sealed class AvalancheTerm : DfsaTerm
{
    /// <inheritdoc/>
    public override string Name => "avalanche";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Discontinuity;
    /// <inheritdoc/>
    public override string Formula => "mean_o ρ_o², ρ_o = E_x[f_o(x) f_o(x + δ)] / √(E_x[f_o(x)²] E_x[f_o(x + δ)²])";
    /// <inheritdoc/>
    public override string Estimator => "batch means over f(X) and f(X + δ) (the one-bit-flip pass shared with norm_discontinuity), +10⁻¹² in the denominator";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "targets the avalanche ½ directly: scale-free, so growing the output (what the maximised terms do) cannot satisfy it; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        var a = ctx.Output;
        var b = ctx.PerturbedOutput;
        var cross = a.Multiply(b).Mean(0);
        var norm = a.Square().Mean(0).Multiply(b.Square().Mean(0)).Add(C<T>(1e-12));
        return cross.Square().Divide(norm).Mean();
    }
}
