using System.Numerics;
using System.Diagnostics;
using Basin.Dynamics;

namespace Basin.SaNode;

/// <summary>
/// Runs an SA-nODE forward (inference) and forward+backward (training) on batches: builds the coupling,
/// integrates with the fused solver and chains gradients to the parameters. One runner per thread of work;
/// its buffers are reused across calls.
/// </summary>
public sealed class SaNodeRunner<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly FixedStepSolver<T> _solver = new();
    private readonly AdaptiveSolver<T> _adaptive = new();
    private readonly ImplicitAdjoint<T> _implicit = new();
    private T[] _xT = Array.Empty<T>(), _g = Array.Empty<T>(), _g0 = Array.Empty<T>();
    private int _lastLength;

    /// <summary>Creates a runner for <paramref name="model"/>.</summary>
    public SaNodeRunner(SaNodeModel<T> model)
    {
        Model = model;
        Field = new SaNodeField<T>(model.Config.N, model.Config.A, model.Config.EffectiveBeta);
    }

    /// <summary>Accumulated wall time per phase, in milliseconds (for <c>basin bench sanode</c>).</summary>
    public SaNodePhaseTimes Times { get; } = new();

    /// <summary>The model.</summary>
    public SaNodeModel<T> Model { get; }

    /// <summary>The vector field (holds A and γ as last prepared).</summary>
    public SaNodeField<T> Field { get; }

    /// <summary>x(T) of the last <see cref="TrainStep"/> (B×N).</summary>
    public ReadOnlySpan<T> LastStates => _xT.AsSpan(0, _lastLength);

    /// <summary>∂L/∂x₀ of the last <see cref="TrainStep"/> (B×N), for input-gradient attacks.</summary>
    public ReadOnlySpan<T> InputGradient => _g0.AsSpan(0, _lastLength);

    /// <summary>Rebuilds A from the parameters and loads it into the field; call after each parameter update.</summary>
    public void Refresh()
    {
        long t0 = Stopwatch.GetTimestamp();
        Model.PrepareCoupling();
        Field.SetCoupling(Model.CouplingMatrix);
        Times.Coupling += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        Field.Gamma = Model.Gamma;
    }

    /// <summary>
    /// Integrates with per-sample early stop (rows whose ‖F(x)‖∞ &lt; <paramref name="tolerance"/> are retired);
    /// returns the row-steps integrated.
    /// </summary>
    public long PredictSettling(ReadOnlySpan<T> x0, int batch, SolverOptions options, Span<T> xT, double tolerance) =>
        _solver.ForwardSettling(Field, x0, batch, options, xT, tolerance);

    /// <summary>
    /// Integrates <paramref name="x0"/> (B×N) adaptively from T0 to T1 with one step size for the batch and writes x(T1) to
    /// <paramref name="xT"/>; <paramref name="saveAt"/> times go to <paramref name="observer"/> by dense output.
    /// </summary>
    public AdaptiveSolveResult PredictAdaptive(ReadOnlySpan<T> x0, int batch, AdaptiveOptions options, Span<T> xT,
        ReadOnlySpan<double> saveAt = default, Action<int, double, ReadOnlySpan<T>>? observer = null, CancellationToken cancel = default) =>
        _adaptive.Solve(Field, x0, batch, options, xT, saveAt, observer, cancel);

    /// <summary>Integrates <paramref name="x0"/> (B×N) and writes x(T) to <paramref name="xT"/> (no recording).</summary>
    public void Predict(ReadOnlySpan<T> x0, int batch, SolverOptions options, Span<T> xT, Action<int, ReadOnlySpan<T>>? observer = null) =>
        _solver.Forward(Field, x0, batch, options, xT, record: false, observer);

    /// <summary>
    /// One loss evaluation with gradients: L = mean over B×N of (x(T) − y)²; fills the model's Grad* tensors
    /// (including the orthogonality penalty) and returns (MSE loss, penalty). Call <see cref="Refresh"/> first.
    /// </summary>
    public (double Loss, double Penalty) TrainStep(ReadOnlySpan<T> x0, ReadOnlySpan<T> targets, int batch, SolverOptions options,
        CancellationToken cancel = default, int checkpointEvery = 0)
    {
        int n = Model.Config.N, len = batch * n;
        if (targets.Length < len) throw new ArgumentException($"Targets must hold {batch}×{n} values.");
        if (_xT.Length < len) { _xT = new T[len]; _g = new T[len]; _g0 = new T[len]; }
        _lastLength = len;
        var xT = _xT.AsSpan(0, len);
        long t0 = Stopwatch.GetTimestamp();
        _solver.Forward(Field, x0, batch, options, xT, record: true, cancel: cancel, checkpointEvery: checkpointEvery);
        Times.Forward += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        double loss = 0;
        T scale = T.CreateTruncating(2.0 / len);
        var g = _g.AsSpan(0, len);
        for (int i = 0; i < len; i++)
        {
            T d = xT[i] - targets[i];
            loss += double.CreateTruncating(d * d);
            g[i] = scale * d;
        }
        loss /= len;
        Field.ZeroGradients();
        t0 = Stopwatch.GetTimestamp();
        _solver.Backward(Field, g, _g0.AsSpan(0, len), cancel);
        Times.Backward += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        Field.FlushGradients();
        Times.ParameterGradient += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        Model.BackwardCoupling(Field.GradA, Field.GradGamma);
        Times.CouplingBackward += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        double penalty = Model.AddOrthogonalityPenalty();
        Times.Penalty += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        return (loss, penalty);
    }

    /// <summary>
    /// One loss evaluation with the implicit gradient at the attractor reached: x* = the end state of an unrecorded solve
    /// to <paramref name="options"/>' horizon whose settled rows retire (‖F(x)‖∞ &lt; <paramref name="settleTolerance"/>),
    /// L = mean (x* − y)², Jᵀλ = −∂L/∂x* solved by <see cref="ImplicitAdjoint{T}"/>, ∂L/∂A = (∂F/∂A)ᵀλ chained to the
    /// model's Grad* tensors as <see cref="TrainStep"/> does (penalty included). Returns (MSE loss, penalty).
    /// </summary>
    public (double Loss, double Penalty) TrainStepImplicit(ReadOnlySpan<T> x0, ReadOnlySpan<T> targets, int batch, SolverOptions options,
        CancellationToken cancel = default, double settleTolerance = 1e-4, double tolerance = 1e-4, int maxIterations = 200)
    {
        int n = Model.Config.N, len = batch * n;
        if (targets.Length < len) throw new ArgumentException($"Targets must hold {batch}×{n} values.");
        if (_xT.Length < len) { _xT = new T[len]; _g = new T[len]; _g0 = new T[len]; }
        _lastLength = len;
        var xT = _xT.AsSpan(0, len);
        long t0 = Stopwatch.GetTimestamp();
        _solver.ForwardSettling(Field, x0, batch, options, xT, settleTolerance);
        Times.Forward += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        double loss = 0;
        T scale = T.CreateTruncating(2.0 / len);
        var g = _g.AsSpan(0, len);
        for (int i = 0; i < len; i++)
        {
            T d = xT[i] - targets[i];
            loss += double.CreateTruncating(d * d);
            g[i] = scale * d;
        }
        loss /= len;
        Field.ZeroGradients();
        t0 = Stopwatch.GetTimestamp();
        _implicit.Solve(Field, xT, g, batch, _g0.AsSpan(0, len), tolerance, maxIterations, cancel: cancel);
        Times.Backward += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        Field.FlushGradients();
        Times.ParameterGradient += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        Model.BackwardCoupling(Field.GradA, Field.GradGamma);
        Times.CouplingBackward += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        double penalty = Model.AddOrthogonalityPenalty();
        Times.Penalty += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        return (loss, penalty);
    }
}

/// <summary>Wall time per phase of SA-nODE training steps, accumulated in milliseconds.</summary>
public sealed class SaNodePhaseTimes
{
    /// <summary>Φ⁻¹ and A = ΦΛΦ⁻¹.</summary>
    public double Coupling;
    /// <summary>Recorded forward integration.</summary>
    public double Forward;
    /// <summary>Backward through the steps (input VJPs).</summary>
    public double Backward;
    /// <summary>∂L/∂A = βΣ cᵀu reductions.</summary>
    public double ParameterGradient;
    /// <summary>Chain from ∂L/∂A to Φ_train, λ, γ.</summary>
    public double CouplingBackward;
    /// <summary>Column-orthogonality penalty.</summary>
    public double Penalty;

    /// <summary>Clears all phases.</summary>
    public void Reset() => Coupling = Forward = Backward = ParameterGradient = CouplingBackward = Penalty = 0;
}
