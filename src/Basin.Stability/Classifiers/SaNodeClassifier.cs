using Basin.Dynamics;
using Basin.SaNode;

namespace Basin.Stability.Classifiers;

/// <summary>
/// SA-nODE as a classifier: scores are the overlaps s_k = x(T)·φ⁽ᵏ⁾/(N a²) of the state at the horizon with each planted
/// attractor (argmax = the nearest attractor); input gradients backpropagate through every solver step with
/// ∂L/∂x(T) = Σ_k ∂L/∂s_k · φ⁽ᵏ⁾/(N a²) (exact discrete adjoint, double precision; clipped components pass no gradient).
/// </summary>
public sealed class SaNodeClassifier : IClassifier
{
    private readonly SaNodeRunner<double> _runner;
    private readonly FixedStepSolver<double> _solver = new();
    private readonly double[] _patterns;
    private readonly double _scale;

    /// <summary>Wraps <paramref name="model"/> integrated with <paramref name="options"/> (its horizon is stated with every result).</summary>
    public SaNodeClassifier(SaNodeModel<double> model, SolverOptions options)
    {
        Model = model;
        Options = options.Validate();
        _runner = new SaNodeRunner<double>(model);
        _runner.Refresh();
        _patterns = model.Patterns.ToArray();
        _scale = 1.0 / (model.Config.N * model.Config.A * model.Config.A);
    }

    /// <summary>The model.</summary>
    public SaNodeModel<double> Model { get; }

    /// <summary>Integration used for the scores.</summary>
    public SolverOptions Options { get; }

    /// <inheritdoc/>
    public string Name => $"SA-nODE N={Model.Config.N} (T = {Options.Steps * Math.Abs(Options.Dt):G4}, {Options.Method.Name})";

    /// <inheritdoc/>
    public int Dimension => Model.Config.N;

    /// <inheritdoc/>
    public int Classes => Model.Config.K;

    /// <summary>Memory allowed for the recorded states of one backward pass, in bytes ((steps+1)·rows·N doubles); larger batches are split.</summary>
    public long RecordBudgetBytes { get; init; } = 256L << 20;

    /// <summary>Horizon T = steps·|Δt| of the scores.</summary>
    public double Horizon => Options.Steps * Math.Abs(Options.Dt);

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores)
    {
        int n = Dimension, k = Classes;
        const int chunk = 256;
        var xT = new double[Math.Min(batch, chunk) * n];
        for (int start = 0; start < batch; start += chunk)
        {
            int b = Math.Min(chunk, batch - start);
            _solver.Forward(_runner.Field, x.Slice(start * n, b * n), b, Options, xT);
            Overlaps(xT, b, scores.Slice(start * k, b * k));
        }
    }

    /// <inheritdoc/>
    public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores)
    {
        int n = Dimension, k = Classes;
        int chunk = (int)Math.Clamp(RecordBudgetBytes / (8L * n * (Options.Steps + 1)), 1, int.MaxValue);
        for (int start = 0; start < batch; start += chunk)
        {
            int b = Math.Min(chunk, batch - start);
            GradientChunk(x.Slice(start * n, b * n), b, gradScores.Slice(start * k, b * k), gradX.Slice(start * n, b * n), scores.Slice(start * k, b * k));
        }
    }

    private void GradientChunk(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores)
    {
        int n = Dimension, k = Classes;
        var xT = new double[batch * n];
        _solver.Forward(_runner.Field, x, batch, Options, xT, record: true);
        Overlaps(xT, batch, scores);
        var seed = new double[batch * n];
        Basin.Tensors.Blas.Blas.Gemm(false, false, batch, n, k, _scale, gradScores, k, _patterns, n, 0.0, seed, n);
        _runner.Field.ZeroGradients();
        _solver.Backward(_runner.Field, seed, gradX);
    }

    private void Overlaps(ReadOnlySpan<double> xT, int batch, Span<double> scores) =>
        Basin.Tensors.Blas.Blas.Gemm(false, true, batch, Classes, Dimension, _scale, xT, Dimension, _patterns, Dimension, 0.0, scores, Classes);
}
