using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>
/// Geometry: E|det J_f(x) − 1| for square Jacobians; for m &gt; n (a CPPN's 2 → 3) the Gram volume √det(JᵀJ)
/// replaces det J.
/// </summary>
public sealed class VolumeTerm : DfsaTerm
{
    /// <summary>Largest n for which the full Jacobian is built.</summary>
    public const int MaxDim = 64;

    /// <inheritdoc/>
    public override string Name => "volume";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Geometry;
    /// <inheritdoc/>
    public override string Formula => "E_x |det J_f(x) − 1|   (m > n: |√det(JᵀJ) − 1|)";
    /// <inheritdoc/>
    public override string Estimator => $"full Jacobian from n central-difference JVPs (any n ≤ {MaxDim}), LU determinant per sample, gradient det·J⁻ᵀ (JacobianVolume op)";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "volume preservation: densities and neighbourhoods keep their size; minimised";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        if (ctx.InputDim > MaxDim) throw new ArgumentException($"volume: the full Jacobian is limited to n ≤ {MaxDim} (n = {ctx.InputDim}).");
        if (ctx.OutputDim < ctx.InputDim) throw new ArgumentException($"volume: needs m ≥ n (n = {ctx.InputDim}, m = {ctx.OutputDim}).");
        var z = ctx.Jvp(ctx.X, ctx.FullBasis);
        var vol = new JacobianVolume<T>(ctx.BatchSize, ctx.InputDim).ApplySingle(z);
        return vol.Add(C<T>(-1)).Abs().Mean();
    }
}
