using System.Globalization;
using System.Numerics;
using Basin.Dynamics;

namespace Basin.SaNode.Training.Robust;

/// <summary>
/// PGD adversarial training through the ODE (Madry et al., ICLR 2018: min_θ E max_{‖δ‖∞ ≤ ε} L(θ, x + δ)): each training
/// input is replaced by the L∞ PGD point that maximises the training loss itself, L = mean (x(T) − y)² with x(T) the
/// state at the training horizon and y the class attractor, computed with the exact discrete adjoint of the training
/// integration (<see cref="LossInputGradient{T}"/>): a uniform start in the ε-ball, then <see cref="Steps"/> steps
/// x ← Π_{B∞(x₀, ε) ∩ [0,1]ᴺ}(x + α·sign ∇ₓL), α = <see cref="StepSize"/> (default 2.5ε/steps, Madry et al.'s ratio).
/// Cost: steps + 1 forward/backward passes per batch instead of one.
/// </summary>
public sealed class PgdAdversarialTraining : ITrainingPerturbation
{
    private readonly FixedStepSolver<float> _solver = new();

    /// <summary>PGD-AT with budget ε, <paramref name="steps"/> steps of size <paramref name="stepSize"/> (null: 2.5ε/steps).</summary>
    public PgdAdversarialTraining(double epsilon, int steps = 3, double? stepSize = null)
    {
        if (!(epsilon > 0 && epsilon <= 1)) throw new ArgumentException($"pgd: ε must lie in (0, 1], got {epsilon}.");
        if (steps < 1 || steps > 100) throw new ArgumentException($"pgd: steps must lie in 1…100, got {steps}.");
        Epsilon = epsilon;
        Steps = steps;
        StepSize = stepSize ?? 2.5 * epsilon / steps;
        if (!(StepSize > 0) || !double.IsFinite(StepSize)) throw new ArgumentException($"pgd: the step size must be positive, got {StepSize}.");
    }

    /// <summary>L∞ budget ε.</summary>
    public double Epsilon { get; }

    /// <summary>PGD steps.</summary>
    public int Steps { get; }

    /// <summary>Step size α.</summary>
    public double StepSize { get; }

    /// <inheritdoc/>
    public string Spec => string.Create(CultureInfo.InvariantCulture, $"pgd:eps={Epsilon:R},steps={Steps},step={StepSize:R}");

    /// <inheritdoc/>
    public void Apply(SaNodeRunner<float> runner, Span<float> x0, ReadOnlySpan<float> targets, int count, SolverOptions solver, Random rng)
    {
        int len = count * runner.Model.Config.N;
        var clean = x0[..len].ToArray();
        var grad = new float[len];
        runner.Refresh();
        for (int i = 0; i < len; i++) x0[i] = Math.Clamp(clean[i] + (float)(Epsilon * (2 * rng.NextDouble() - 1)), 0f, 1f);
        for (int s = 0; s < Steps; s++)
        {
            LossInputGradient(runner.Field, _solver, x0[..len], targets[..len], count, solver, grad);
            for (int i = 0; i < len; i++)
            {
                float v = x0[i] + (float)StepSize * MathF.Sign(grad[i]);
                x0[i] = Math.Clamp(Math.Clamp(v, clean[i] - (float)Epsilon, clean[i] + (float)Epsilon), 0f, 1f);
            }
        }
    }

    /// <summary>
    /// The training loss L = (1/(B·N)) Σ (x(T) − y)² of the rows <paramref name="x0"/> and its input gradient
    /// ∂L/∂x₀ = adjoint of the recorded integration seeded with 2(x(T) − y)/(B·N) (no parameter gradients formed).
    /// The field's coupling must be current (<see cref="SaNodeRunner{T}.Refresh"/>).
    /// </summary>
    public static double LossInputGradient<T>(SaNodeField<T> field, FixedStepSolver<T> solver, ReadOnlySpan<T> x0, ReadOnlySpan<T> targets, int count,
        SolverOptions options, Span<T> gradX0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int len = x0.Length;
        var xT = new T[len];
        solver.Forward(field, x0, count, options, xT, record: true);
        var seed = new T[len];
        double loss = 0;
        T scale = T.CreateTruncating(2.0 / len);
        for (int i = 0; i < len; i++)
        {
            T d = xT[i] - targets[i];
            loss += double.CreateTruncating(d * d);
            seed[i] = scale * d;
        }
        field.ZeroGradients();
        solver.Backward(field, seed, gradX0, parameterGradients: false);
        return loss / len;
    }
}
