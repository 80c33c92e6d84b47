using System.Diagnostics;
using Basin.Data;
using Basin.Dynamics;

namespace Basin.SaNode.Studies;

/// <summary>What <see cref="AdjointComparison.Run"/> measures.</summary>
/// <param name="Count">Training images (the first <paramref name="Count"/>).</param>
/// <param name="Batch">Images per batch.</param>
/// <param name="Steps">Euler steps of the training horizon (T = Steps·Dt; the paper trains at 55 × 0.1 = 5.5).</param>
/// <param name="Dt">Euler step.</param>
/// <param name="LongHorizon">Time to which the attractor x* is approached for the implicit adjoint (and of the long discrete adjoint).</param>
/// <param name="ImplicitTolerance">Relative residual of the implicit solve Jᵀλ = −∂L/∂x*.</param>
public sealed record AdjointComparisonOptions(int Count = 200, int Batch = 100, int Steps = 55, double Dt = 0.1, double LongHorizon = 120, double ImplicitTolerance = 1e-8);

/// <summary>One gradient method against its reference.</summary>
/// <param name="Method">discrete (exact backpropagation through the Euler steps), backsolve-euler, backsolve-rk4 or implicit.</param>
/// <param name="Reference">The discrete adjoint it is compared with: "T=5.5" (training horizon) or "T=120" (long horizon).</param>
/// <param name="Seconds">Wall time of forward and backward over all images.</param>
/// <param name="VectorJacobianProducts">Batched Jᵀv products of the backward pass, summed over the batches.</param>
/// <param name="Finite">False when the method's backward pass blew up (NaN or ∞: backsolve integrating a contracting flow
/// backwards with too large a step); the three figures are then null.</param>
/// <param name="Cosine">cos∠(g, g_ref) of ∂L/∂(A, γ).</param>
/// <param name="RelativeL2">‖g − g_ref‖ / ‖g_ref‖.</param>
/// <param name="Norm">‖g‖.</param>
public sealed record AdjointComparisonRow(string Method, string Reference, double Seconds, long VectorJacobianProducts, bool Finite, double? Cosine, double? RelativeL2, double? Norm);

/// <summary>Results of <see cref="AdjointComparison.Run"/>.</summary>
/// <param name="Options">What was measured.</param>
/// <param name="Rows">Every method against its reference(s).</param>
/// <param name="ImplicitIterations">Largest BiCGSTAB iteration count of a batch.</param>
/// <param name="ImplicitResidual">Largest relative residual of the implicit solve.</param>
public sealed record AdjointComparisonResult(AdjointComparisonOptions Options, AdjointComparisonRow[] Rows, int ImplicitIterations, double ImplicitResidual);

/// <summary>
/// Gradient error and cost of the three adjoints of Basin.Dynamics on a trained SA-nODE, in float64, for the training loss
/// L = mean (x − φ_label)² over B×N: the exact discrete adjoint through the Euler steps (<see cref="FixedStepSolver{T}.Backward"/>,
/// the reference), the backsolve adjoint (<see cref="BacksolveAdjoint{T}"/>: Chen et al. 2018) with the forward's
/// Euler steps and with RK4 at Δt/10, and the implicit adjoint at the attractor reached (<see cref="ImplicitAdjoint{T}"/>:
/// Bai et al. 2019; x* from an unrecorded Euler solve to the long horizon) — the gradient of L(x*), compared with the
/// discrete adjoint at the training horizon and at the long horizon. Compared on ∂L/∂A and ∂L/∂γ of the field (the rest of
/// the chain to Φ and λ is the same linear map for every method).
/// </summary>
public static class AdjointComparison
{
    /// <summary>Runs the comparison on the first <c>Count</c> images of <paramref name="data"/>.</summary>
    public static AdjointComparisonResult Run(SaNodeModel<double> model, LabeledImages data, AdjointComparisonOptions o, IProgress<string>? progress = null,
        CancellationToken cancel = default)
    {
        int n = model.Config.N;
        if (data.PixelsPerImage != n) throw new ArgumentException($"The model has N = {n} nodes but '{data.Name}' images have {data.PixelsPerImage} pixels.");
        if (o.Count < 1 || o.Batch < 1 || o.Count > data.Count) throw new ArgumentException($"Count must be in 1…{data.Count} and the batch ≥ 1.");
        if (o.Steps < 1 || !(o.Dt > 0) || !(o.LongHorizon > o.Steps * o.Dt)) throw new ArgumentException("Need steps ≥ 1, Δt > 0 and a long horizon beyond steps·Δt.");
        var runner = new SaNodeRunner<double>(model);
        runner.Refresh();
        var field = runner.Field;
        var patterns = model.Patterns.ToArray();
        double clip = 10 * model.Config.A;
        int longSteps = (int)Math.Round(o.LongHorizon / o.Dt);
        var train = new SolverOptions(ButcherTableau.Euler, o.Dt, o.Steps, Clip: clip).Validate();
        var longRun = new SolverOptions(ButcherTableau.Euler, o.Dt, longSteps, Clip: clip).Validate();
        var methods = new[] { "discrete", "discrete-long", "backsolve-euler", "backsolve-rk4", "implicit" };
        var grads = methods.ToDictionary(m => m, _ => new double[n * n + 1]);
        var seconds = methods.ToDictionary(m => m, _ => 0.0);
        var vjps = methods.ToDictionary(m => m, _ => 0L);
        int iterations = 0;
        double residual = 0;
        var solver = new FixedStepSolver<double>();
        var backsolve = new BacksolveAdjoint<double>();
        var implicitAdjoint = new ImplicitAdjoint<double>();
        int total = o.Count;
        for (int start = 0; start < total; start += o.Batch)
        {
            cancel.ThrowIfCancellationRequested();
            int b = Math.Min(o.Batch, total - start), len = b * n;
            var x0 = new double[len]; var y = new double[len];
            for (int i = 0; i < b; i++)
            {
                var img = data.Image(start + i);
                for (int j = 0; j < n; j++) x0[i * n + j] = img[j];
                patterns.AsSpan(data.Labels[start + i] * n, n).CopyTo(y.AsSpan(i * n, n));
            }
            // The loss is a mean over all Count×N values, so batch gradients add up to the full one.
            double scale = 2.0 / ((double)total * n);
            var xT = new double[len]; var g = new double[len]; var g0 = new double[len];
            void Cotangent(double[] x) { for (int i = 0; i < len; i++) g[i] = scale * (x[i] - y[i]); }
            void Collect(string m)
            {
                field.FlushGradients();
                var acc = grads[m];
                for (int i = 0; i < n * n; i++) acc[i] += field.GradA[i];
                acc[n * n] += field.GradGamma;
            }
            foreach (var (name, opts) in new[] { ("discrete", train), ("discrete-long", longRun) })
            {
                var sw = Stopwatch.StartNew();
                field.ZeroGradients();
                solver.Forward(field, x0, b, opts, xT, record: true, cancel: cancel, checkpointEvery: opts.Steps > 200 ? (int)Math.Sqrt(opts.Steps) : 0);
                Cotangent(xT);
                solver.Backward(field, g, g0, cancel);
                Collect(name);
                seconds[name] += sw.Elapsed.TotalSeconds;
                vjps[name] += opts.Steps;
            }
            foreach (var (name, method, dt, steps) in new[] { ("backsolve-euler", ButcherTableau.Euler, o.Dt, o.Steps), ("backsolve-rk4", ButcherTableau.Rk4, o.Dt / 10, o.Steps * 10) })
            {
                var sw = Stopwatch.StartNew();
                field.ZeroGradients();
                solver.Forward(field, x0, b, new SolverOptions(method, dt, steps, Clip: clip), xT, cancel: cancel);
                Cotangent(xT);
                vjps[name] += backsolve.Gradient(field, xT, g, b, method, dt, steps, g0, cancel);
                Collect(name);
                seconds[name] += sw.Elapsed.TotalSeconds;
            }
            {
                var sw = Stopwatch.StartNew();
                field.ZeroGradients();
                // x* is the Euler flow's end state at the long horizon (a zero of F to rounding: Euler's fixed points are F's),
                // integrated without recording; only the linear solve replaces the backward pass.
                solver.Forward(field, x0, b, longRun, xT, cancel: cancel);
                Cotangent(xT);
                var r = implicitAdjoint.Solve(field, xT, g, b, g0, o.ImplicitTolerance, cancel: cancel);
                Collect("implicit");
                seconds["implicit"] += sw.Elapsed.TotalSeconds;
                vjps["implicit"] += r.VectorJacobianProducts;
                iterations = Math.Max(iterations, r.Iterations);
                residual = Math.Max(residual, r.MaxRelativeResidual);
            }
            progress?.Report($"{start + b} of {total} images");
        }
        AdjointComparisonRow Row(string m, string reference, string refName)
        {
            bool finite = grads[m].All(double.IsFinite);
            return new(m, reference, Math.Round(seconds[m], 3), vjps[m], finite, finite ? Cosine(grads[m], grads[refName]) : null,
                finite ? RelativeL2(grads[m], grads[refName]) : null, finite ? Norm(grads[m]) : null);
        }
        string shortT = $"T={o.Steps * o.Dt:G4}", longT = $"T={o.LongHorizon:G4}";
        var rows = new[]
        {
            Row("discrete", shortT, "discrete"),
            Row("backsolve-euler", shortT, "discrete"),
            Row("backsolve-rk4", shortT, "discrete"),
            Row("implicit", shortT, "discrete"),
            Row("discrete-long", longT, "discrete-long"),
            Row("implicit", longT, "discrete-long"),
        };
        return new AdjointComparisonResult(o, rows, iterations, residual);
    }

    private static double Norm(double[] a) => Math.Sqrt(a.Sum(v => v * v));

    private static double Cosine(double[] a, double[] b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d += a[i] * b[i];
        return d / (Norm(a) * Norm(b));
    }

    private static double RelativeL2(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s) / Norm(b);
    }
}
