using Basin.Dynamics;
using Basin.SaNode;
using Basin.Tensors.IO;

namespace Basin.Stability.Classifiers;

/// <summary>
/// SA-nODE as a classifier: scores are the overlaps s_k = x(T)·φ⁽ᵏ⁾/(N a²) of the state at the horizon with each planted
/// attractor (argmax = the nearest attractor); input gradients backpropagate through every solver step with
/// ∂L/∂x(T) = Σ_k ∂L/∂s_k · φ⁽ᵏ⁾/(N a²) (exact discrete adjoint; clipped components pass no gradient; the parameter
/// gradients ∂L/∂A are not formed, which saves a third of the backward GEMMs). Integration runs in float64 by default or,
/// with <c>singlePrecision</c>, in float32 (twice the GEMM throughput; the training precision of the shipped models):
/// inputs and outputs stay float64 at the interface.
/// </summary>
public sealed class SaNodeClassifier : IClassifier
{
    private readonly ICore _core;

    /// <summary>Wraps <paramref name="model"/> integrated with <paramref name="options"/> (its horizon is stated with every result).</summary>
    public SaNodeClassifier(SaNodeModel<double> model, SolverOptions options, bool singlePrecision = false)
    {
        Model = model;
        Options = options.Validate();
        SinglePrecision = singlePrecision;
        _core = singlePrecision
            ? new Core<float>(SaNodeFile.FromBundle<float>(SaNodeFile.AddTo(new TensorBundle(), model)), Options, this)
            : new Core<double>(model, Options, this);
    }

    /// <summary>The model.</summary>
    public SaNodeModel<double> Model { get; }

    /// <summary>Integration used for the scores.</summary>
    public SolverOptions Options { get; }

    /// <summary>Whether the integration runs in float32.</summary>
    public bool SinglePrecision { get; }

    /// <inheritdoc/>
    public string Name => $"SA-nODE N={Model.Config.N} (T = {Options.Steps * Math.Abs(Options.Dt):G4}, {Options.Method.Name}{(SinglePrecision ? ", f32" : "")})";

    /// <inheritdoc/>
    public int Dimension => Model.Config.N;

    /// <inheritdoc/>
    public int Classes => Model.Config.K;

    /// <summary>Memory allowed for the recorded states of one backward pass, in bytes ((steps+1)·rows·N values); larger batches are split.</summary>
    public long RecordBudgetBytes { get; init; } = 256L << 20;

    /// <summary>Horizon T = steps·|Δt| of the scores.</summary>
    public double Horizon => Options.Steps * Math.Abs(Options.Dt);

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores) => _core.Scores(x, batch, scores);

    /// <inheritdoc/>
    public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores) =>
        _core.InputGradient(x, batch, gradScores, gradX, scores);

    private interface ICore
    {
        void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores);
        void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores);
    }

    private sealed class Core<T> : ICore where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        private readonly SaNodeRunner<T> _runner;
        private readonly FixedStepSolver<T> _solver = new();
        private readonly T[] _patterns;
        private readonly T _scale;
        private readonly SolverOptions _options;
        private readonly SaNodeClassifier _owner;
        private readonly int _n, _k;

        public Core(SaNodeModel<T> model, SolverOptions options, SaNodeClassifier owner)
        {
            _runner = new SaNodeRunner<T>(model);
            _runner.Refresh();
            _patterns = model.Patterns.ToArray();
            _scale = T.CreateTruncating(1.0 / (model.Config.N * model.Config.A * model.Config.A));
            _options = options;
            _owner = owner;
            _n = model.Config.N;
            _k = model.Config.K;
        }

        public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores)
        {
            const int chunk = 256;
            int rows = Math.Min(batch, chunk);
            var x0 = new T[rows * _n];
            var xT = new T[rows * _n];
            var s = new T[rows * _k];
            for (int start = 0; start < batch; start += chunk)
            {
                int b = Math.Min(chunk, batch - start);
                Convert(x.Slice(start * _n, b * _n), x0);
                _solver.Forward(_runner.Field, x0, b, _options, xT);
                Overlaps(xT, b, s);
                Convert(s.AsSpan(0, b * _k), scores.Slice(start * _k, b * _k));
            }
        }

        public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores)
        {
            int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            int chunk = (int)Math.Clamp(_owner.RecordBudgetBytes / ((long)size * _n * (_options.Steps + 1)), 1, int.MaxValue);
            int rows = Math.Min(batch, chunk);
            var x0 = new T[rows * _n];
            var xT = new T[rows * _n];
            var seed = new T[rows * _n];
            var g0 = new T[rows * _n];
            var gs = new T[rows * _k];
            var s = new T[rows * _k];
            for (int start = 0; start < batch; start += chunk)
            {
                int b = Math.Min(chunk, batch - start);
                Convert(x.Slice(start * _n, b * _n), x0);
                Convert(gradScores.Slice(start * _k, b * _k), gs);
                _solver.Forward(_runner.Field, x0, b, _options, xT, record: true);
                Overlaps(xT, b, s);
                Basin.Tensors.Blas.GenericBlas.Gemm(false, false, b, _n, _k, _scale, gs, _k, _patterns, _n, T.Zero, seed, _n);
                _runner.Field.ZeroGradients();
                _solver.Backward(_runner.Field, seed, g0, parameterGradients: false);
                Convert(s.AsSpan(0, b * _k), scores.Slice(start * _k, b * _k));
                Convert(g0.AsSpan(0, b * _n), gradX.Slice(start * _n, b * _n));
            }
        }

        private void Overlaps(ReadOnlySpan<T> xT, int batch, Span<T> scores) =>
            Basin.Tensors.Blas.GenericBlas.Gemm(false, true, batch, _k, _n, _scale, xT, _n, _patterns, _n, T.Zero, scores, _k);

        private static void Convert(ReadOnlySpan<double> src, Span<T> dst)
        {
            for (int i = 0; i < src.Length; i++) dst[i] = T.CreateTruncating(src[i]);
        }

        private static void Convert(ReadOnlySpan<T> src, Span<double> dst)
        {
            for (int i = 0; i < src.Length; i++) dst[i] = double.CreateTruncating(src[i]);
        }
    }
}
