namespace Basin.Stability.Maps;

/// <summary>A discrete-time map x ↦ g(x) on ℝⁿ with its Jacobian–vector product, for tangent dynamics of iterated maps.</summary>
public interface ITangentMap
{
    /// <summary>State dimension n (the map is square: ℝⁿ → ℝⁿ).</summary>
    int Dimension { get; }

    /// <summary>y ← g(x).</summary>
    void Apply(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>w ← J_g(x)·V for the p tangent vectors stored as rows of V (p×n row-major): w_r = J v_r.</summary>
    void JacobianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> w, int p);
}
