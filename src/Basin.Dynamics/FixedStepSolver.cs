using System.Numerics;
using System.Numerics.Tensors;
using Basin.Tensors;

namespace Basin.Dynamics;

/// <summary>
/// Fixed-step explicit Runge–Kutta integration of a batch of states, fused: the forward pass stores only the
/// step states x₀…x_S (memory (S+1)·B·N values), and the backward pass recomputes each step's stages from its state
/// and runs the discrete adjoint through them exactly (backpropagation through the solver's steps, not the
/// continuous adjoint). For Euler there is nothing to recompute.
/// For long horizons, <c>checkpointEvery = k</c> keeps only every k-th state ((S/k + k + 1)·B·N values; k ≈ √S
/// minimises it) and recomputes each segment of k steps from its checkpoint during the backward pass, for the cost of
/// one extra forward pass; the gradients are identical.
/// Workspace buffers are reused between calls; nothing is allocated per step.
/// </summary>
public sealed class FixedStepSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _states = Array.Empty<T>();
    private T[][] _k = Array.Empty<T[]>();
    private T[][] _u = Array.Empty<T[]>();
    private T[][] _ubar = Array.Empty<T[]>();
    private T[] _g = Array.Empty<T>(), _gNext = Array.Empty<T>(), _tmp = Array.Empty<T>();
    private double[] _adjointCap = Array.Empty<double>();
    private T[] _segment = Array.Empty<T>(), _work = Array.Empty<T>();
    private int _batch, _dim, _storedSteps, _every;
    private SolverOptions? _options;

    /// <summary>Number of steps stored by the last recording forward pass.</summary>
    public int StoredSteps => _storedSteps;

    private bool _accumulateParameters = true;

    /// <summary>
    /// Integrates <paramref name="x0"/> (B×N) for <c>options.Steps</c> steps and writes x(T) to <paramref name="xT"/>.
    /// When <paramref name="record"/> is set the step states are kept for <see cref="Backward"/>.
    /// <paramref name="observer"/>, if given, sees every state x_n (n = 0…S).
    /// </summary>
    public void Forward(IBatchVectorField<T> field, ReadOnlySpan<T> x0, int batch, SolverOptions options, Span<T> xT,
        bool record = false, Action<int, ReadOnlySpan<T>>? observer = null, CancellationToken cancel = default, int checkpointEvery = 0)
    {
        options.Validate();
        int n = field.Dimension, len = batch * n;
        if (x0.Length < len || xT.Length < len)
            throw new ArgumentException($"Solver: state buffers must hold {batch}×{n} values (x0 has {x0.Length}, xT has {xT.Length}).");
        if (checkpointEvery < 0) throw new ArgumentException($"checkpointEvery must be ≥ 0, got {checkpointEvery}.");
        int every = record && checkpointEvery > 1 && checkpointEvery < options.Steps ? checkpointEvery : 0;
        Prepare(options, batch, n, record, every);
        var tab = options.Method;
        T dt = T.CreateTruncating(options.Dt), clip = T.CreateTruncating(options.Clip);
        bool storeAll = record && every == 0;
        Span<T> x = storeAll ? _states.AsSpan(0, len) : xT[..len];
        x0[..len].CopyTo(x);
        if (every > 0) x.CopyTo(_states.AsSpan(0, len));
        observer?.Invoke(0, x);
        for (int step = 0; step < options.Steps; step++)
        {
            cancel.ThrowIfCancellationRequested();
            Span<T> next = storeAll ? _states.AsSpan((step + 1) * len, len) : _tmp.AsSpan(0, len);
            StepForwardClamped(field, tab, x, next, batch, len, dt, options.Clip, clip);
            if (!storeAll) next.CopyTo(x); else x = next;
            if (every > 0 && (step + 1) % every == 0 && step + 1 < options.Steps) x.CopyTo(_states.AsSpan((step + 1) / every * len, len));
            observer?.Invoke(step + 1, x);
        }
        if (storeAll) x.CopyTo(xT);
        if (record) { _storedSteps = options.Steps; _options = options; _every = every; }
    }

    /// <summary>
    /// Inference with per-sample early stop: integrates like a non-recording <see cref="Forward"/>, but every
    /// <paramref name="checkEvery"/> steps retires the rows whose velocity ‖F(x)‖∞ has fallen below
    /// <paramref name="tolerance"/> (their state is final: a settled trajectory near a stable fixed point stays there),
    /// and keeps integrating only the others, so the cost falls as the batch settles. Returns the number of row-steps
    /// actually integrated (batch·S without early stop).
    /// </summary>
    public long ForwardSettling(IBatchVectorField<T> field, ReadOnlySpan<T> x0, int batch, SolverOptions options, Span<T> xT,
        double tolerance, int checkEvery = 10, CancellationToken cancel = default)
    {
        options.Validate();
        if (!(tolerance >= 0)) throw new ArgumentException($"Settling tolerance must be ≥ 0, got {tolerance}.");
        if (checkEvery < 1) throw new ArgumentException($"checkEvery must be ≥ 1, got {checkEvery}.");
        int n = field.Dimension, len = batch * n;
        if (x0.Length < len || xT.Length < len)
            throw new ArgumentException($"Solver: state buffers must hold {batch}×{n} values (x0 has {x0.Length}, xT has {xT.Length}).");
        Prepare(options, batch, n, record: false, every: 0);
        if (_work.Length < len) _work = new T[len];
        var tab = options.Method;
        T dt = T.CreateTruncating(options.Dt), clip = T.CreateTruncating(options.Clip), tol = T.CreateTruncating(tolerance);
        var rows = new int[batch];
        for (int i = 0; i < batch; i++) rows[i] = i;
        int active = batch;
        x0[..len].CopyTo(_work);
        long rowSteps = 0;
        for (int step = 0; step < options.Steps && active > 0; step++)
        {
            cancel.ThrowIfCancellationRequested();
            int alen = active * n;
            var x = _work.AsSpan(0, alen);
            var next = _tmp.AsSpan(0, alen);
            StepForward(field, tab, x, next, active, alen, dt);
            if (options.Clip > 0) SimdOps.ClampSymmetricInPlace(next, clip);
            next.CopyTo(x);
            rowSteps += active;
            if ((step + 1) % checkEvery != 0 || step + 1 == options.Steps) continue;
            active = SettledRows.Retire(x, _k[0], active, n, rows, xT, tol);   // stage 0 of every explicit method is F(x_n)
        }
        for (int r = 0; r < active; r++) _work.AsSpan(r * n, n).CopyTo(xT.Slice(rows[r] * n, n));
        return rowSteps;
    }

    /// <summary>
    /// Given ∂L/∂x(T) in <paramref name="gradXT"/>, writes ∂L/∂x₀ to <paramref name="gradX0"/> and lets the field
    /// accumulate its parameter gradients (skipped when <paramref name="parameterGradients"/> is false: an input-gradient-only
    /// pass, e.g. for adversarial attacks, saves the ∂A GEMM of every stage). Requires a preceding <see cref="Forward"/> with
    /// <c>record: true</c>. A clipped component passes no gradient (the clamp's derivative is 0 there).
    /// </summary>
    public void Backward(IBatchVectorField<T> field, ReadOnlySpan<T> gradXT, Span<T> gradX0, CancellationToken cancel = default,
        bool parameterGradients = true)
    {
        _accumulateParameters = parameterGradients;
        var options = _options ?? throw new InvalidOperationException("Backward needs a recording Forward pass first.");
        int n = _dim, batch = _batch, len = batch * n;
        if (field.Dimension != n) throw new ArgumentException("Backward: field dimension differs from the recorded pass.");
        if (gradXT.Length < len || gradX0.Length < len) throw new ArgumentException($"Backward: gradient buffers must hold {batch}×{n} values.");
        var tab = options.Method;
        T dt = T.CreateTruncating(options.Dt), clip = T.CreateTruncating(options.Clip);
        var g = _g.AsSpan(0, len);   // the adjoint ḡ; BackStep swaps _g and _gNext, so re-read _g after it
        gradXT[..len].CopyTo(g);
        if (options.AdjointClip > 0)
        {
            if (_adjointCap.Length < batch) _adjointCap = new double[batch];
            for (int r = 0; r < batch; r++) _adjointCap[r] = options.AdjointClip * RowNorm(g.Slice(r * n, n));
        }
        if (_every == 0)
        {
            if (parameterGradients && Fused(field, tab)) ((IFusedEulerField<T>)field).AttachTrajectory(_states, len, _storedSteps);
            for (int step = _storedSteps - 1; step >= 0; step--)
            {
                cancel.ThrowIfCancellationRequested();
                BackStep(field, tab, _states.AsSpan(step * len, len), _states.AsSpan((step + 1) * len, len), options.Clip > 0, clip, batch, len, dt);
            }
        }
        else
        {
            int k = _every, segments = (_storedSteps + k - 1) / k;
            for (int seg = segments - 1; seg >= 0; seg--)
            {
                int start = seg * k, end = Math.Min(start + k, _storedSteps);
                _states.AsSpan(seg * len, len).CopyTo(_segment.AsSpan(0, len));
                for (int s = start; s < end; s++)
                {
                    var next = _segment.AsSpan((s - start + 1) * len, len);
                    StepForwardClamped(field, tab, _segment.AsSpan((s - start) * len, len), next, batch, len, dt, options.Clip, clip);
                }
                for (int step = end - 1; step >= start; step--)
                {
                    cancel.ThrowIfCancellationRequested();
                    BackStep(field, tab, _segment.AsSpan((step - start) * len, len), _segment.AsSpan((step - start + 1) * len, len),
                        options.Clip > 0, clip, batch, len, dt);
                }
            }
        }
        _g.AsSpan(0, len).CopyTo(gradX0);
    }

    /// <summary>One reverse step: ḡ ← (∂x_{n+1}/∂x_n)ᵀ ḡ through the clamp and the RK step (ḡ lives in _g; the result is
    /// written to _gNext and the two buffers swap, so no copy).</summary>
    private void BackStep(IBatchVectorField<T> field, ButcherTableau tab, ReadOnlySpan<T> xn, ReadOnlySpan<T> xNext,
        bool clipped, T clip, int batch, int len, T dt)
    {
        var g = _g.AsSpan(0, len);
        var gNext = _gNext.AsSpan(0, len);
        // The clamp passes no gradient where it bit: a fused field zeroes those components itself, in its own pass.
        if (Fused(field, tab))
            ((IFusedEulerField<T>)field).EulerAdjointStep(xn[..len], g, xNext[..len], clipped ? clip : T.Zero, gNext, batch, dt, _accumulateParameters);
        else
        {
            if (clipped) SimdOps.ZeroWhereMagnitudeAtLeast(g, xNext, clip);
            StepBackward(field, tab, xn, g, gNext, batch, len, dt);
        }
        (_g, _gNext) = (_gNext, _g);
        if (_options!.AdjointClip > 0) CapRows(_g.AsSpan(0, len), batch, len / batch);
    }

    /// <summary>Scales each row of <paramref name="g"/> whose norm exceeds its cap (set from ‖∂L/∂x(T)‖ per row) down to the cap.</summary>
    private void CapRows(Span<T> g, int batch, int n)
    {
        for (int r = 0; r < batch; r++)
        {
            var row = g.Slice(r * n, n);
            double norm = RowNorm(row), cap = _adjointCap[r];
            if (norm > cap) SimdOps.Scale<T>(row, T.CreateTruncating(cap / norm), row);
        }
    }

    private static double RowNorm(ReadOnlySpan<T> row) =>
        Math.Sqrt(double.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<T>(row)));

    /// <summary>True when one step of <paramref name="tab"/> on <paramref name="field"/> can run fused (explicit Euler).</summary>
    private static bool Fused(IBatchVectorField<T> field, ButcherTableau tab) =>
        field is IFusedEulerField<T> && tab.Stages == 1 && tab.B[0] == 1.0;

    /// <summary>x_{n+1} ← clamp(RK step of x_n); the clamp is applied here, fused into the field's Euler pass when it can be.</summary>
    private void StepForwardClamped(IBatchVectorField<T> field, ButcherTableau tab, ReadOnlySpan<T> x, Span<T> next, int batch, int len,
        T dt, double clipValue, T clip)
    {
        if (Fused(field, tab))
        {
            ((IFusedEulerField<T>)field).EulerStep(x[..len], next[..len], batch, dt, clipValue > 0 ? clip : T.Zero);
            return;
        }
        StepForward(field, tab, x, next, batch, len, dt);
        if (clipValue > 0) SimdOps.ClampSymmetricInPlace(next[..len], clip);
    }

    private void StepForward(IBatchVectorField<T> field, ButcherTableau tab, ReadOnlySpan<T> x, Span<T> next, int batch, int len, T dt)
    {
        int s = tab.FixedStepStages;
        for (int i = 0; i < s; i++)
        {
            ReadOnlySpan<T> ui = BuildStage(tab, i, x, len, dt);
            field.Evaluate(ui, _k[i].AsSpan(0, len), batch);
        }
        x.CopyTo(next);
        for (int i = 0; i < s; i++)
            if (tab.B[i] != 0) SimdOps.MultiplyAddInPlace<T>(_k[i].AsSpan(0, len), dt * T.CreateTruncating(tab.B[i]), next);
    }

    private ReadOnlySpan<T> BuildStage(ButcherTableau tab, int i, ReadOnlySpan<T> x, int len, T dt)
    {
        if (i == 0) return x;
        var u = _u[i].AsSpan(0, len);
        x.CopyTo(u);
        for (int j = 0; j < i; j++)
            if (tab.A[i][j] != 0) SimdOps.MultiplyAddInPlace<T>(_k[j].AsSpan(0, len), dt * T.CreateTruncating(tab.A[i][j]), u);
        return u;
    }

    private void StepBackward(IBatchVectorField<T> field, ButcherTableau tab, ReadOnlySpan<T> xn, ReadOnlySpan<T> g, Span<T> xbar,
        int batch, int len, T dt)
    {
        int s = tab.FixedStepStages;
        // Recompute stage inputs u_i (k_i only for i < s − 1 is needed to build later stages).
        for (int i = 0; i < s - 1; i++)
        {
            ReadOnlySpan<T> ui = BuildStage(tab, i, xn, len, dt);
            field.Evaluate(ui, _k[i].AsSpan(0, len), batch);
        }
        if (s > 1) BuildStage(tab, s - 1, xn, len, dt);
        g.CopyTo(xbar);
        var kbar = _tmp.AsSpan(0, len);
        for (int i = s - 1; i >= 0; i--)
        {
            // k̄_i = Δt (b_i ḡ + Σ_{j>i} a_ji ū_j)
            SimdOps.Scale<T>(g, dt * T.CreateTruncating(tab.B[i]), kbar);
            for (int j = i + 1; j < s; j++)
                if (tab.A[j][i] != 0) SimdOps.MultiplyAddInPlace<T>(_ubar[j].AsSpan(0, len), dt * T.CreateTruncating(tab.A[j][i]), kbar);
            ReadOnlySpan<T> ui = i == 0 ? xn : _u[i].AsSpan(0, len);
            var ub = _ubar[i].AsSpan(0, len);
            field.VectorJacobianProduct(ui, kbar, ub, batch, accumulateParameters: _accumulateParameters);
            SimdOps.AddInPlace<T>(ub, xbar);
        }
    }

    private void Prepare(SolverOptions options, int batch, int n, bool record, int every)
    {
        int len = batch * n, s = options.Method.Stages;
        _batch = batch; _dim = n;
        if (record && every > 0)
        {
            long ck = (long)((options.Steps + every - 1) / every) * len, seg = (long)(every + 1) * len;
            if (ck > Array.MaxLength || seg > Array.MaxLength) throw new ArgumentException($"Checkpoint storage for {batch}×{n} states is too large; use a smaller batch.");
            if (_states.Length < ck) _states = new T[ck];
            if (_segment.Length < seg) _segment = new T[seg];
        }
        else if (record)
        {
            long need = (long)(options.Steps + 1) * len;
            if (need > Array.MaxLength) throw new ArgumentException($"Recording {options.Steps} steps of {batch}×{n} states needs {need} values; use a smaller batch or horizon.");
            if (_states.Length < need) _states = new T[need];
        }
        Ensure(ref _k, s, len); Ensure(ref _u, s, len); Ensure(ref _ubar, s, len);
        if (_g.Length < len) { _g = new T[len]; _gNext = new T[len]; _tmp = new T[len]; }
    }

    private static void Ensure(ref T[][] bufs, int count, int len)
    {
        if (bufs.Length < count) Array.Resize(ref bufs, count);
        for (int i = 0; i < count; i++)
            if (bufs[i] is null || bufs[i].Length < len) bufs[i] = new T[len];
    }
}
