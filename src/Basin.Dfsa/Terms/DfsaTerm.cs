using Basin.Dfsa.Estimation;

namespace Basin.Dfsa.Terms;

/// <summary>The white paper's families of metrics (appendix headings).</summary>
public enum TermGroup
{
    /// <summary>Sensitivity of outputs to inputs.</summary>
    Stochasticity,
    /// <summary>Information content of the outputs.</summary>
    Entropy,
    /// <summary>Change of f and its derivatives under a perturbation δ.</summary>
    Discontinuity,
    /// <summary>Keeping training numerically bounded.</summary>
    Stability,
    /// <summary>Information conservation ("reversibility").</summary>
    Invertibility,
    /// <summary>Structure preservation.</summary>
    Geometry,
    /// <summary>Terms outside the paper's catalogue that need data (the hybrid semi-stochastic attractor).</summary>
    Hybrid,
}

/// <summary>Which way the presets push a term.</summary>
public enum TermGoal
{
    /// <summary>Negative weight: the optimiser increases the value.</summary>
    Maximise,
    /// <summary>Positive weight: the optimiser decreases the value.</summary>
    Minimise,
}

/// <summary>
/// One metric of the data-free loss L = Σ λ_i L_i. <see cref="Evaluate{T}"/> returns the metric's value (a scalar on
/// the context's tape) in its natural sign; the objective multiplies by the weight, so a negative weight maximises.
/// Each term documents the paper's formula, the reading chosen where the paper is ambiguous, and its estimator.
/// Quantities the paper sums over output coordinates are averaged over them (÷ m), so weights carry over between
/// network widths.
/// </summary>
public abstract class DfsaTerm
{
    /// <summary>Name on the command line and in reports (snake_case).</summary>
    public abstract string Name { get; }

    /// <summary>The appendix family.</summary>
    public abstract TermGroup Group { get; }

    /// <summary>The formula as implemented (plain text).</summary>
    public abstract string Formula { get; }

    /// <summary>How the value is estimated from forward passes.</summary>
    public abstract string Estimator { get; }

    /// <summary>The direction the presets use.</summary>
    public abstract TermGoal Goal { get; }

    /// <summary>One line on the reading chosen and why the presets push it that way.</summary>
    public abstract string Reading { get; }

    /// <summary>The metric's value, a one-element variable recorded on <paramref name="ctx"/>'s tape.</summary>
    public abstract Var<T> Evaluate<T>(TermContext<T> ctx) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>A scalar constant of type T.</summary>
    protected static Var<T> C<T>(double v) where T : unmanaged, IFloatingPointIeee754<T> => Var<T>.Constant(T.CreateTruncating(v));

    /// <summary>Row-wise root mean square over the last axis: √(mean_o z_o² + 10⁻¹²), giving [rows].</summary>
    protected static Var<T> RowRms<T>(Var<T> z) where T : unmanaged, IFloatingPointIeee754<T> =>
        z.Square().Mean(1).Add(C<T>(1e-12)).Sqrt();

    /// <summary>Row-wise Euclidean norm √(Σ_o z_o² + 10⁻¹²), giving [rows].</summary>
    protected static Var<T> RowNorm<T>(Var<T> z) where T : unmanaged, IFloatingPointIeee754<T> =>
        z.Square().Sum(1).Add(C<T>(1e-12)).Sqrt();
}
