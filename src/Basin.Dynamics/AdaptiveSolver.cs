using System.Numerics;
using Basin.Tensors;

namespace Basin.Dynamics;

/// <summary>
/// Adaptive explicit Runge–Kutta integration of a batch of states with an embedded pair and one step size for the
/// whole batch (the scaled error is the max over rows of each row's RMS error, so every row meets the tolerance).
/// Each step computes x' = x + Δt Σ bᵢ kᵢ and the error estimate Δt Σ (bᵢ − b̂ᵢ) kᵢ; <see cref="PidController"/> accepts or
/// rejects it and sizes the next step. The first step comes from Hairer's starting-step algorithm unless given. FSAL
/// pairs reuse the last stage as the next step's first, so an accepted step of Dopri5 costs six evaluations of F.
/// <para>
/// Dense output: the states at the requested times are interpolated inside the accepted step that contains them —
/// by the method's own continuous weights where it has them (Tsit5), by the quartic through x, x', F(x), F(x') and the
/// method's midpoint value where it has one (Dopri5; Shampine 1986), else by the cubic Hermite interpolant through x, x', F(x), F(x') (local error O(Δt⁴); Hairer, Nørsett &amp; Wanner §II.6).
/// Steps never stop at requested times, so saving costs no extra steps.
/// </para>
/// <para>
/// The solve never hangs: it fails with a <see cref="StepSizeException"/> naming the time reached and the step size when
/// it has tried <see cref="AdaptiveOptions.MaxSteps"/> steps, or when the controller asks for a step below the minimum.
/// Forward only (no recorded trajectory, no backward pass). Workspace buffers are reused between calls.
/// </para>
/// </summary>
public sealed partial class AdaptiveSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[][] _k = [];
    private T[] _y = [], _y1 = [], _u = [], _err = [], _err3 = [], _f1 = [], _mid = [], _out = [];

    /// <summary>
    /// Integrates <paramref name="x0"/> (B×N) from T0 to T1 and writes x(T1) to <paramref name="xT"/>. For every time in
    /// <paramref name="saveAt"/> (between T0 and T1, in the direction of integration) <paramref name="observer"/> receives
    /// (index, time, interpolated states).
    /// </summary>
    public AdaptiveSolveResult Solve(IBatchVectorField<T> field, ReadOnlySpan<T> x0, int batch, AdaptiveOptions options, Span<T> xT,
        ReadOnlySpan<double> saveAt = default, Action<int, double, ReadOnlySpan<T>>? observer = null, CancellationToken cancel = default)
    {
        var o = options.Validate();
        int n = field.Dimension, len = batch * n;
        if (batch < 1) throw new ArgumentException($"Batch must be ≥ 1, got {batch}.");
        if (x0.Length < len || xT.Length < len)
            throw new ArgumentException($"Solver: state buffers must hold {batch}×{n} values (x0 has {x0.Length}, xT has {xT.Length}).");
        double dir = o.T1 >= o.T0 ? 1 : -1, span = Math.Abs(o.T1 - o.T0);
        for (int i = 0; i < saveAt.Length; i++)
        {
            double s = saveAt[i];
            if (!(dir * (s - o.T0) >= 0 && dir * (o.T1 - s) >= 0) || (i > 0 && dir * (s - saveAt[i - 1]) < 0))
                throw new ArgumentException($"Save times must lie in [{o.T0}, {o.T1}] in the direction of integration; time {i} is {s}.");
        }
        double eps = double.CreateTruncating(BitIncrementOfOne());
        if (o.Rtol > 0 && o.Rtol < 4 * eps)
            throw new ArgumentException(FormattableString.Invariant(
                $"rtol = {o.Rtol:G3} is below what {typeof(T).Name} resolves (machine ε = {eps:G3}): the error estimate would be rounding noise; use rtol ≥ {4 * eps:G2} or double precision."));
        if (saveAt.Length > 0 && observer is null) throw new ArgumentException("Save times need an observer to receive the states.");
        if (saveAt.Length > 0 && o.SettleTolerance > 0) throw new ArgumentException("Save times and retiring settled rows cannot be combined.");
        if (o.PerRow)
        {
            if (saveAt.Length > 0) throw new ArgumentException("Save times need one step size for the batch; per-row step control cannot read them.");
            return SolvePerRow(field, x0, batch, o, xT, cancel);
        }
        Prepare(o.Method, len);
        var tab = o.Method;
        int stages = tab.Stages, last = stages - 1;
        var y = _y.AsSpan(0, len);
        x0[..len].CopyTo(y);
        field.Evaluate(y, _k[0].AsSpan(0, len), batch);
        long evals = 1, rowEvals = batch;
        int next = 0;
        while (next < saveAt.Length && saveAt[next] == o.T0) observer!(next++, o.T0, y);
        if (span == 0)
        {
            y.CopyTo(xT);
            return new AdaptiveSolveResult(o.T1, 0, 0, evals, 0, 0, 0, rowEvals);
        }
        double h = o.InitialStep;
        if (h == 0) { h = InitialStep(field, y, batch, n, o, dir); evals++; rowEvals += batch; }
        if (o.MaxStep > 0) h = Math.Min(h, o.MaxStep);
        var pid = o.Pid;
        double t = o.T0, prevInv = 1, prevPrevInv = 1, hMin = double.PositiveInfinity, hMax = 0, lastError = 0;
        int accepted = 0, rejected = 0;
        int active = batch, alen = len;
        long rowSteps = 0;
        int[]? rows = o.SettleTolerance > 0 ? Enumerable.Range(0, batch).ToArray() : null;
        while (dir * (o.T1 - t) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            double remaining = Math.Abs(o.T1 - t);
            double magnitude = Math.Max(Math.Abs(t), span);
            double floor = o.MinStep > 0 ? o.MinStep : 64 * (Math.BitIncrement(magnitude) - magnitude);
            if (accepted + rejected >= o.MaxSteps)
                throw Fail($"took MaxSteps = {o.MaxSteps} steps ({accepted} accepted, {rejected} rejected) without reaching the end; raise MaxSteps or loosen rtol/atol", o, t, h, accepted + rejected);
            if (h < floor && h < remaining)
                throw Fail($"the step size fell below the minimum {floor:G3}" + (double.IsFinite(lastError) ? "" : " (the error estimate was not finite: NaN or ∞ in the field)") +
                    "; the solution may blow up here, or the problem is too stiff for an explicit pair", o, t, h, accepted + rejected);
            bool toEnd = h >= remaining || remaining - h < floor;
            double step = toEnd ? remaining : h, dt = dir * step;
            T dtT = T.CreateTruncating(dt);
            for (int i = 1; i < stages; i++)
            {
                var u = tab.IsFsal && i == last ? _y1.AsSpan(0, alen) : _u.AsSpan(0, alen);
                Combine(y, tab.A[i], i, dtT, u);
                field.Evaluate(u, _k[i].AsSpan(0, alen), active);
            }
            evals += stages - 1;
            rowEvals += (long)(stages - 1) * active;
            var y1 = _y1.AsSpan(0, alen);
            if (!tab.IsFsal) Combine(y, tab.B, stages, dtT, y1);
            var err = _err.AsSpan(0, alen);
            err.Clear();
            Combine(err, tab.ErrorWeights!, stages, dtT, err);
            var err3 = default(Span<T>);
            if (tab.SecondErrorWeights is { } e3)
            {
                err3 = _err3.AsSpan(0, alen);
                err3.Clear();
                Combine(err3, e3, stages, dtT, err3);
            }
            double e = ScaledError(y, y1, err, err3, active, n, o.Rtol, o.Atol);
            lastError = e;
            bool accept = e < 1;
            double inv = 1 / e;
            double factor = pid.Factor(accept, inv, prevInv, prevPrevInv, tab.ErrorOrder);
            if (!accept) { rejected++; h = step * factor; continue; }
            double tNew = toEnd ? o.T1 : t + dt;
            var f1 = tab.IsFsal ? _k[last].AsSpan(0, alen) : _f1.AsSpan(0, alen);
            if (!tab.IsFsal) { field.Evaluate(y1, f1, active); evals++; rowEvals += active; }
            if (next < saveAt.Length && dir * (saveAt[next] - tNew) <= 0)
            {
                int dense = stages;
                if (tab.DenseStages is { } extra)
                {
                    var u = _u.AsSpan(0, alen);
                    for (int r = 0; r < extra.Length; r++, dense++)
                    {
                        Combine(y, extra[r], extra[r].Length, dtT, u);
                        field.Evaluate(u, _k[dense].AsSpan(0, alen), active);
                    }
                    evals += extra.Length;
                    rowEvals += (long)extra.Length * active;
                }
                bool quartic = tab.MidpointWeights is not null;
                if (quartic) Combine(y, tab.MidpointWeights!, stages, dtT, _mid.AsSpan(0, alen));
                var output = _out.AsSpan(0, alen);
                while (next < saveAt.Length && dir * (saveAt[next] - tNew) <= 0)
                {
                    double s = saveAt[next];
                    if (s == tNew) y1.CopyTo(output);
                    else if (tab.DenseWeights is { } weights) ContinuousWeights(weights, dense, y, (s - t) / dt, dtT, output);
                    else Interpolate(y, y1, _k[0].AsSpan(0, alen), f1, quartic ? _mid.AsSpan(0, alen) : default, (s - t) / dt, dt, output);
                    observer!(next++, s, output);
                }
            }
            bool clipped = o.Clip > 0 && Clip(y1, T.CreateTruncating(o.Clip));
            (_y, _y1) = (_y1, _y);
            y = _y.AsSpan(0, alen);
            if (tab.IsFsal) (_k[0], _k[last]) = (_k[last], _k[0]);
            else (_k[0], _f1) = (_f1, _k[0]);
            if (clipped) { field.Evaluate(y, _k[0].AsSpan(0, alen), active); evals++; rowEvals += active; }
            accepted++;
            if (!toEnd || accepted == 1) { hMin = Math.Min(hMin, step); }
            hMax = Math.Max(hMax, step);
            prevPrevInv = prevInv;
            prevInv = double.IsFinite(inv) && inv > 0 ? inv : 1;
            t = tNew;
            h = step * factor;
            if (o.MaxStep > 0) h = Math.Min(h, o.MaxStep);
            rowSteps += active;
            if (rows is not null)
            {
                active = SettledRows.Retire(y, _k[0], active, n, rows!, xT, T.CreateTruncating(o.SettleTolerance));
                alen = active * n;
                y = _y.AsSpan(0, alen);
                if (active == 0) break;
            }
        }
        if (rows is null) y.CopyTo(xT);
        else for (int r = 0; r < active; r++) y.Slice(r * n, n).CopyTo(xT.Slice(rows[r] * n, n));
        return new AdaptiveSolveResult(o.T1, accepted, rejected, evals, double.IsFinite(hMin) ? hMin : hMax, hMax, rowSteps, rowEvals);
    }

    /// <summary>Machine ε of <typeparamref name="T"/>: the gap between 1 and the next value.</summary>
    private static T BitIncrementOfOne() => T.BitIncrement(T.One) - T.One;

    private static StepSizeException Fail(string why, AdaptiveOptions o, double t, double h, int steps) =>
        new(FormattableString.Invariant($"Adaptive solve ({o.Describe()}) from t = {o.T0:G6} to {o.T1:G6} stopped at t = {t:G10} with step Δt = {h:G3}: it {why}."),
            t, h, steps);

    /// <summary>dst ← x + Δt Σ_{j&lt;count} w_j k_j (dst may be x).</summary>
    private void Combine(ReadOnlySpan<T> x, double[] w, int count, T dt, Span<T> dst)
    {
        if (!x.Overlaps(dst)) x.CopyTo(dst);
        for (int j = 0; j < count; j++)
            if (w[j] != 0) SimdOps.MultiplyAddInPlace<T>(_k[j].AsSpan(0, dst.Length), dt * T.CreateTruncating(w[j]), dst);
    }

    /// <summary>
    /// max over rows of √(mean_j (e_j / (atol + rtol·max(|y0_j|, |y1_j|)))²); with a second estimate
    /// <paramref name="err3"/> a row's error is ‖e‖² / √(‖e‖² + 0.01‖e³‖²) (DOP853). NaN when any value is not finite.
    /// </summary>
    private static double ScaledError(ReadOnlySpan<T> y0, ReadOnlySpan<T> y1, ReadOnlySpan<T> err, ReadOnlySpan<T> err3, int batch, int n, double rtol, double atol)
    {
        double worst = 0;
        bool two = !err3.IsEmpty;
        for (int r = 0; r < batch; r++)
        {
            double sum = 0, sum3 = 0;
            int o = r * n;
            for (int j = 0; j < n; j++)
            {
                double scale = atol + rtol * Math.Max(Math.Abs(double.CreateTruncating(y0[o + j])), Math.Abs(double.CreateTruncating(y1[o + j])));
                double q = double.CreateTruncating(err[o + j]) / scale;
                sum += q * q;
                if (two) { double q3 = double.CreateTruncating(err3[o + j]) / scale; sum3 += q3 * q3; }
            }
            double rms = Math.Sqrt(sum / n);
            if (two)
            {
                double ms = sum / n, ms3 = sum3 / n, denominator = Math.Sqrt(ms + 0.01 * ms3);
                rms = denominator > 0 ? ms / denominator : 0;
            }
            if (!double.IsFinite(rms)) return double.NaN;
            worst = Math.Max(worst, rms);
        }
        return worst;
    }

    /// <summary>
    /// Hairer, Nørsett &amp; Wanner §II.4 (as in diffrax): d₀ = ‖x₀/sc‖, d₁ = ‖F(x₀)/sc‖ with sc = atol + rtol|x₀|,
    /// h₀ = 0.01 d₀/d₁ (10⁻⁶ if either is below 10⁻⁵), d₂ = ‖(F(x₀ + h₀F(x₀)) − F(x₀))/sc‖/h₀,
    /// h₁ = (0.01 / max(d₁, d₂))^{1/q} (or max(10⁻⁶, 10⁻³h₀) when both are ≤ 10⁻¹⁵), and Δt₀ = min(100 h₀, h₁, |T1 − T0|).
    /// </summary>
    private double InitialStep(IBatchVectorField<T> field, ReadOnlySpan<T> y, int batch, int n, AdaptiveOptions o, double dir)
    {
        int len = batch * n;
        var f0 = _k[0].AsSpan(0, len);
        double d0 = 0, d1 = 0;
        for (int r = 0; r < batch; r++)
        {
            var (r0, r1) = StartNorms(y, f0, r, n, o);
            d0 = Math.Max(d0, r0); d1 = Math.Max(d1, r1);
        }
        double h0 = FirstGuess(d0, d1, o);
        var u = _u.AsSpan(0, len);
        y.CopyTo(u);
        SimdOps.MultiplyAddInPlace<T>(f0, T.CreateTruncating(dir * h0), u);
        var f1 = _err.AsSpan(0, len);
        field.Evaluate(u, f1, batch);
        double d2 = 0;
        for (int r = 0; r < batch; r++) d2 = Math.Max(d2, SlopeChange(y, f0, f1, r, n, o) / h0);
        return SecondGuess(h0, d1, d2, o);
    }

    /// <summary>Hairer's d₀ = ‖y₀‖ and d₁ = ‖f(y₀)‖ of row <paramref name="r"/>: RMS norms scaled by atol + rtol·|y₀|.</summary>
    private static (double D0, double D1) StartNorms(ReadOnlySpan<T> y, ReadOnlySpan<T> f0, int r, int n, AdaptiveOptions o)
    {
        double s0 = 0, s1 = 0;
        for (int j = r * n; j < (r + 1) * n; j++)
        {
            double yj = double.CreateTruncating(y[j]), sc = o.Atol + o.Rtol * Math.Abs(yj);
            s0 += yj / sc * (yj / sc);
            double fj = double.CreateTruncating(f0[j]) / sc;
            s1 += fj * fj;
        }
        return (Math.Sqrt(s0 / n), Math.Sqrt(s1 / n));
    }

    /// <summary>‖f(y₀ + h₀f₀) − f₀‖ of row <paramref name="r"/> (the same scaled RMS norm); Hairer's d₂ is this over h₀.</summary>
    private static double SlopeChange(ReadOnlySpan<T> y, ReadOnlySpan<T> f0, ReadOnlySpan<T> f1, int r, int n, AdaptiveOptions o)
    {
        double s2 = 0;
        for (int j = r * n; j < (r + 1) * n; j++)
        {
            double sc = o.Atol + o.Rtol * Math.Abs(double.CreateTruncating(y[j]));
            double dj = (double.CreateTruncating(f1[j]) - double.CreateTruncating(f0[j])) / sc;
            s2 += dj * dj;
        }
        return Math.Sqrt(s2 / n);
    }

    /// <summary>Hairer's first guess h₀ = min(0.01·d₀/d₁, |T1 − T0|) (10⁻⁶ when either norm is tiny).</summary>
    private static double FirstGuess(double d0, double d1, AdaptiveOptions o) =>
        Math.Min(d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1, Math.Abs(o.T1 - o.T0));

    /// <summary>Hairer's starting step min(100·h₀, h₁, |T1 − T0|) with h₁ = (0.01/max(d₁, d₂))^(1/(p+1)).</summary>
    private static double SecondGuess(double h0, double d1, double d2, AdaptiveOptions o)
    {
        double dm = Math.Max(d1, d2);
        double h1 = !(dm > 1e-15) ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dm, 1.0 / o.Method.ErrorOrder);
        return Math.Min(Math.Min(100 * h0, h1), Math.Abs(o.T1 - o.T0));
    }

    /// <summary>
    /// x(t + θΔt) from the step's end points and slopes: the quartic of Dormand–Prince/Shampine through the midpoint value
    /// when <paramref name="mid"/> is given, else the cubic Hermite (1 − θ)·… form.
    /// </summary>
    private static void Interpolate(ReadOnlySpan<T> y0, ReadOnlySpan<T> y1, ReadOnlySpan<T> f0, ReadOnlySpan<T> f1, ReadOnlySpan<T> mid,
        double theta, double dt, Span<T> output)
    {
        double th = theta;
        if (mid.IsEmpty)
        {
            double h00 = (1 + 2 * th) * (1 - th) * (1 - th), h10 = th * (1 - th) * (1 - th), h01 = th * th * (3 - 2 * th), h11 = th * th * (th - 1);
            for (int j = 0; j < output.Length; j++)
                output[j] = T.CreateTruncating(h00 * double.CreateTruncating(y0[j]) + h01 * double.CreateTruncating(y1[j])
                    + dt * (h10 * double.CreateTruncating(f0[j]) + h11 * double.CreateTruncating(f1[j])));
            return;
        }
        for (int j = 0; j < output.Length; j++)
        {
            double a0 = double.CreateTruncating(y0[j]), a1 = double.CreateTruncating(y1[j]), m = double.CreateTruncating(mid[j]);
            double g0 = dt * double.CreateTruncating(f0[j]), g1 = dt * double.CreateTruncating(f1[j]);
            double qa = 2 * (g1 - g0) - 8 * (a1 + a0) + 16 * m;
            double qb = 5 * g0 - 3 * g1 + 18 * a0 + 14 * a1 - 32 * m;
            double qc = g1 - 4 * g0 - 11 * a0 - 5 * a1 + 16 * m;
            output[j] = T.CreateTruncating((((qa * th + qb) * th + qc) * th + g0) * th + a0);
        }
    }

    /// <summary>x(t + θΔt) = x + Δt Σ bᵢ(θ) kᵢ with the method's continuous weights.</summary>
    private void ContinuousWeights(Action<double, Span<double>> weights, int stages, ReadOnlySpan<T> y0, double theta, T dt, Span<T> output)
    {
        Span<double> w = stackalloc double[stages];
        weights(theta, w);
        y0.CopyTo(output);
        for (int i = 0; i < w.Length; i++)
            if (w[i] != 0) SimdOps.MultiplyAddInPlace<T>(_k[i].AsSpan(0, output.Length), dt * T.CreateTruncating(w[i]), output);
    }

    /// <summary>Clamps to [−c, c]; true when any value was outside.</summary>
    private static bool Clip(Span<T> y, T c)
    {
        bool outside = T.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<T>(y)) > c;
        if (outside) SimdOps.ClampSymmetricInPlace(y, c);
        return outside;
    }

    private void Prepare(ButcherTableau tab, int len)
    {
        int stages = tab.Stages + (tab.DenseStages?.Length ?? 0);
        if (_k.Length < stages) Array.Resize(ref _k, stages);
        for (int i = 0; i < stages; i++)
            if (_k[i] is null || _k[i].Length < len) _k[i] = new T[len];
        if (_y.Length < len) { _y = new T[len]; _y1 = new T[len]; _u = new T[len]; _err = new T[len]; _err3 = new T[len]; _f1 = new T[len]; _mid = new T[len]; _out = new T[len]; }
    }
}
