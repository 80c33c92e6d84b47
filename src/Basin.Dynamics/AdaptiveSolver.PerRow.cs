using System.Numerics;
using Basin.Tensors;

namespace Basin.Dynamics;

public sealed partial class AdaptiveSolver<T>
{
    private double[] _rowT = [], _rowH = [], _rowPrev = [], _rowPrevPrev = [], _rowDt = [], _rowErr = [];
    private int[] _rowAccepted = [], _rowRejected = [], _rows = [];
    private bool[] _rowToEnd = [];

    /// <summary>
    /// Per-row step control (<see cref="AdaptiveOptions.PerRow"/>): row r advances by its own Δt_r, chosen by the PID
    /// controller from its own error ε_r = RMS_j(e_j / (atol + rtol·max(|x_j|, |x'_j|))) — the controller of a single
    /// trajectory, so no row is held back by the worst row of the batch. Every stage is still one batched evaluation of the
    /// autonomous F on all active rows (uᵢ,r = x_r + Δt_r Σ a_ij k_j,r). A rejected row keeps its state and retries with a
    /// smaller step in the next batched step; a row that reaches T1 (or settles) retires and the batch shrinks.
    /// <see cref="AdaptiveSolveResult.AcceptedSteps"/> and <see cref="AdaptiveSolveResult.RejectedSteps"/> are the largest
    /// counts of any row; <see cref="AdaptiveSolveResult.Evaluations"/> counts the batched evaluations (the cost).
    /// </summary>
    private AdaptiveSolveResult SolvePerRow(IBatchVectorField<T> field, ReadOnlySpan<T> x0, int batch, AdaptiveOptions o, Span<T> xT, CancellationToken cancel)
    {
        int n = field.Dimension, len = batch * n;
        Prepare(o.Method, len);
        if (_rowT.Length < batch)
        {
            _rowT = new double[batch]; _rowH = new double[batch]; _rowPrev = new double[batch]; _rowPrevPrev = new double[batch];
            _rowDt = new double[batch]; _rowErr = new double[batch]; _rowAccepted = new int[batch]; _rowRejected = new int[batch];
            _rows = new int[batch]; _rowToEnd = new bool[batch];
        }
        var tab = o.Method;
        int stages = tab.Stages, last = stages - 1;
        double dir = o.T1 >= o.T0 ? 1 : -1, span = Math.Abs(o.T1 - o.T0);
        var y = _y.AsSpan(0, len);
        x0[..len].CopyTo(y);
        field.Evaluate(y, _k[0].AsSpan(0, len), batch);
        long evals = 1, rowEvals = batch, rowSteps = 0;
        if (span == 0) { y.CopyTo(xT); return new AdaptiveSolveResult(o.T1, 0, 0, evals, 0, 0, 0, rowEvals); }
        if (o.InitialStep == 0) { InitialStepPerRow(field, y, batch, n, o, dir, _rowH); evals++; rowEvals += batch; }
        else _rowH.AsSpan(0, batch).Fill(o.InitialStep);
        for (int r = 0; r < batch; r++)
        {
            if (o.MaxStep > 0) _rowH[r] = Math.Min(_rowH[r], o.MaxStep);
            _rowT[r] = o.T0; _rowPrev[r] = 1; _rowPrevPrev[r] = 1; _rowAccepted[r] = 0; _rowRejected[r] = 0; _rows[r] = r;
        }
        var pid = o.Pid;
        T clip = T.CreateTruncating(o.Clip), settle = T.CreateTruncating(o.SettleTolerance);
        int active = batch, iterations = 0, maxAccepted = 0, maxRejected = 0;
        double hMin = double.PositiveInfinity, hMax = 0;
        while (active > 0)
        {
            cancel.ThrowIfCancellationRequested();
            int alen = active * n;
            if (iterations++ >= o.MaxSteps)
            {
                int slow = 0;
                for (int r = 1; r < active; r++) if (dir * (_rowT[r] - _rowT[slow]) < 0) slow = r;
                throw Fail($"took MaxSteps = {o.MaxSteps} batched steps with per-row control without reaching the end ({active} rows left; row {_rows[slow]} is the furthest behind); raise MaxSteps or loosen rtol/atol",
                    o, _rowT[slow], _rowH[slow], iterations - 1);
            }
            for (int r = 0; r < active; r++)
            {
                double remaining = Math.Abs(o.T1 - _rowT[r]), magnitude = Math.Max(Math.Abs(_rowT[r]), span);
                double floor = o.MinStep > 0 ? o.MinStep : 64 * (Math.BitIncrement(magnitude) - magnitude);
                double h = _rowH[r];
                if (h < floor && h < remaining)
                    throw Fail($"the step size of row {_rows[r]} fell below the minimum {floor:G3}" + (double.IsFinite(_rowErr[r]) ? "" : " (the error estimate was not finite: NaN or ∞ in the field)") +
                        "; the solution may blow up here, or the problem is too stiff for an explicit pair", o, _rowT[r], h, iterations);
                bool toEnd = h >= remaining || remaining - h < floor;
                _rowToEnd[r] = toEnd;
                _rowDt[r] = dir * (toEnd ? remaining : h);
            }
            for (int i = 1; i < stages; i++)
            {
                var u = tab.IsFsal && i == last ? _y1.AsSpan(0, alen) : _u.AsSpan(0, alen);
                CombineRows(y, tab.A[i], i, active, n, u);
                field.Evaluate(u, _k[i].AsSpan(0, alen), active);
            }
            evals += stages - 1;
            rowEvals += (long)(stages - 1) * active;
            var y1 = _y1.AsSpan(0, alen);
            if (!tab.IsFsal) CombineRows(y, tab.B, stages, active, n, y1);
            var err = _err.AsSpan(0, alen);
            err.Clear();
            CombineRows(err, tab.ErrorWeights!, stages, active, n, err);
            var err3 = default(Span<T>);
            if (tab.SecondErrorWeights is { } e3)
            {
                err3 = _err3.AsSpan(0, alen);
                err3.Clear();
                CombineRows(err3, e3, stages, active, n, err3);
            }
            bool anyAccepted = false, recompute = !tab.IsFsal;
            for (int r = 0; r < active; r++)
            {
                double e = ScaledError(y.Slice(r * n, n), y1.Slice(r * n, n), err.Slice(r * n, n), err3.IsEmpty ? default : err3.Slice(r * n, n), 1, n, o.Rtol, o.Atol);
                _rowErr[r] = e;
                bool accept = e < 1;
                double inv = 1 / e, step = Math.Abs(_rowDt[r]);
                double factor = pid.Factor(accept, inv, _rowPrev[r], _rowPrevPrev[r], tab.ErrorOrder);
                _rowH[r] = step * factor;
                if (o.MaxStep > 0) _rowH[r] = Math.Min(_rowH[r], o.MaxStep);
                if (!accept) { _rowRejected[r]++; continue; }
                anyAccepted = true;
                var yr = y.Slice(r * n, n);
                y1.Slice(r * n, n).CopyTo(yr);
                if (tab.IsFsal) _k[last].AsSpan(r * n, n).CopyTo(_k[0].AsSpan(r * n, n));
                if (o.Clip > 0 && Clip(yr, clip)) recompute = true;
                _rowT[r] = _rowToEnd[r] ? o.T1 : _rowT[r] + _rowDt[r];
                _rowAccepted[r]++;
                rowSteps++;
                if (!_rowToEnd[r] || _rowAccepted[r] == 1) hMin = Math.Min(hMin, step);
                hMax = Math.Max(hMax, step);
                _rowPrevPrev[r] = _rowPrev[r];
                _rowPrev[r] = double.IsFinite(inv) && inv > 0 ? inv : 1;
            }
            if (anyAccepted && recompute) { field.Evaluate(y, _k[0].AsSpan(0, alen), active); evals++; rowEvals += active; }
            for (int r = active - 1; r >= 0; r--)
            {
                bool done = _rowT[r] == o.T1
                    || (o.SettleTolerance > 0 && _rowAccepted[r] > 0 && T.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<T>(_k[0].AsSpan(r * n, n))) < settle);
                if (!done) continue;
                y.Slice(r * n, n).CopyTo(xT.Slice(_rows[r] * n, n));
                maxAccepted = Math.Max(maxAccepted, _rowAccepted[r]);
                maxRejected = Math.Max(maxRejected, _rowRejected[r]);
                int end = active - 1;
                if (r != end)
                {
                    y.Slice(end * n, n).CopyTo(y.Slice(r * n, n));
                    _k[0].AsSpan(end * n, n).CopyTo(_k[0].AsSpan(r * n, n));
                    _rows[r] = _rows[end]; _rowT[r] = _rowT[end]; _rowH[r] = _rowH[end]; _rowPrev[r] = _rowPrev[end];
                    _rowPrevPrev[r] = _rowPrevPrev[end]; _rowAccepted[r] = _rowAccepted[end]; _rowRejected[r] = _rowRejected[end]; _rowErr[r] = _rowErr[end];
                }
                active--;
            }
            y = _y.AsSpan(0, active * n);
        }
        return new AdaptiveSolveResult(o.T1, maxAccepted, maxRejected, evals, double.IsFinite(hMin) ? hMin : hMax, hMax, rowSteps, rowEvals);
    }

    /// <summary>dst_r ← x_r + Δt_r Σ_{j&lt;count} w_j k_j,r for every active row r (dst may be x).</summary>
    private void CombineRows(ReadOnlySpan<T> x, double[] w, int count, int active, int n, Span<T> dst)
    {
        if (!x.Overlaps(dst)) x[..(active * n)].CopyTo(dst);
        for (int r = 0; r < active; r++)
        {
            var d = dst.Slice(r * n, n);
            T dt = T.CreateTruncating(_rowDt[r]);
            for (int j = 0; j < count; j++)
                if (w[j] != 0) SimdOps.MultiplyAddInPlace<T>(_k[j].AsSpan(r * n, n), dt * T.CreateTruncating(w[j]), d);
        }
    }

    /// <summary>
    /// Hairer's starting step (Hairer, Nørsett &amp; Wanner, §II.4) for every row on its own, with the RMS norms of that row
    /// only — so a row's whole solve, first step included, depends on nothing but the row. Costs one batched evaluation of F.
    /// </summary>
    private void InitialStepPerRow(IBatchVectorField<T> field, ReadOnlySpan<T> y, int batch, int n, AdaptiveOptions o, double dir, double[] h)
    {
        int len = batch * n;
        var f0 = _k[0].AsSpan(0, len);
        var u = _u.AsSpan(0, len);
        var d1s = _rowErr;
        for (int r = 0; r < batch; r++)
        {
            var (d0, d1) = StartNorms(y, f0, r, n, o);
            h[r] = FirstGuess(d0, d1, o);
            d1s[r] = d1;
            var row = u.Slice(r * n, n);
            y.Slice(r * n, n).CopyTo(row);
            SimdOps.MultiplyAddInPlace<T>(f0.Slice(r * n, n), T.CreateTruncating(dir * h[r]), row);
        }
        var f1 = _err.AsSpan(0, len);
        field.Evaluate(u, f1, batch);
        for (int r = 0; r < batch; r++)
        {
            h[r] = SecondGuess(h[r], d1s[r], SlopeChange(y, f0, f1, r, n, o) / h[r], o);
            d1s[r] = 0;
        }
    }
}
