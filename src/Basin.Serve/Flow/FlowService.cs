using System.Collections.Concurrent;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Serve.Api;
using Basin.Serve.Models;

namespace Basin.Serve.Flow;

/// <summary>
/// Integrates one image with a trained SA-nODE, dx/dt = −∇V(x) + βAx (<see cref="SaNodeRunner{T}"/>), recording x(t) at
/// evenly spaced steps, and reads the class as the nearest planted attractor with the same definitions as
/// <see cref="SaNode.Evaluation.SaNodeClassification"/>: m_k = x·φ⁽ᵏ⁾/(N a²), sign overlap, settled when it is ≥ 0.95.
/// Runners (coupling A = ΦΛΦ⁻¹ assembled once) are pooled per model; at most <c>slots</c> integrations run at once.
/// </summary>
public sealed class FlowService(int slots)
{
    private readonly ConcurrentDictionary<ServedModel, ConcurrentBag<SaNodeRunner<float>>> _pools = new();
    private readonly SemaphoreSlim _gate = new(slots, slots);

    /// <summary>Threshold of the sign overlap for "settled".</summary>
    public const double SettledThreshold = 0.95;

    /// <summary>Checks N finite values in [0, 1]: 400 otherwise.</summary>
    public static void CheckPixels(ReadOnlySpan<float> pixels, int n)
    {
        if (pixels.Length != n) throw ApiException.BadRequest($"expected {n} pixels, got {pixels.Length}.");
        for (int i = 0; i < pixels.Length; i++)
            if (!float.IsFinite(pixels[i]) || pixels[i] < 0 || pixels[i] > 1)
                throw ApiException.BadRequest($"pixel {i} is {pixels[i]}; pixels must be finite and in [0, 1].");
    }

    /// <summary>Flows <paramref name="pixels"/> with <paramref name="model"/>.</summary>
    public async Task<FlowResult> ClassifyAsync(ServedModel model, float[] pixels, FlowSettings settings, CancellationToken cancel = default)
    {
        var method = settings.Validate();
        CheckPixels(pixels, model.N);
        await _gate.WaitAsync(cancel);
        try { return Classify(model, pixels, settings, method); }
        finally { _gate.Release(); }
    }

    private FlowResult Classify(ServedModel model, float[] pixels, FlowSettings settings, ButcherTableau method)
    {
        int n = model.N;
        var opts = new SolverOptions(method, settings.Dt, settings.Steps, Clip: 10 * model.Model.Config.A).Validate();
        var at = Enumerable.Range(0, settings.Frames).Select(f => (int)Math.Round((double)f * settings.Steps / (settings.Frames - 1))).Distinct().ToArray();
        var frames = new List<FlowFrame>(at.Length);
        int next = 0;
        var xT = new float[n];
        var pool = _pools.GetOrAdd(model, _ => new ConcurrentBag<SaNodeRunner<float>>());
        if (!pool.TryTake(out var runner))
        {
            runner = new SaNodeRunner<float>(model.Model);
            runner.Refresh();
        }
        try
        {
            runner.Predict(pixels, 1, opts, xT, (step, x) =>
            {
                if (next < at.Length && step == at[next])
                {
                    frames.Add(new FlowFrame(Math.Round(step * settings.Dt, 10), Round(x), Overlaps(model, x)));
                    next++;
                }
            });
        }
        finally { pool.Add(runner); }
        var overlaps = Overlaps(model, xT);
        int best = SaNodeMetrics.Nearest<float>(xT, model.Patterns, n);
        int agree = 0;
        for (int i = 0; i < n; i++) if (Math.Sign(xT[i]) == Math.Sign(model.Patterns[best * n + i])) agree++;
        double sign = (double)agree / n;
        return new FlowResult(model.Name, best, ClassNames.Of(model.Dataset, best), overlaps, sign, sign >= SettledThreshold, opts.Steps * opts.Dt, method.Name,
            pixels, [.. frames]);
    }

    /// <summary>m_k = x·φ⁽ᵏ⁾/(N a²), rounded to 6 decimals.</summary>
    public static double[] Overlaps(ServedModel model, ReadOnlySpan<float> x)
    {
        int n = model.N;
        double a2n = model.Model.Config.A * model.Model.Config.A * n;
        var m = new double[model.K];
        for (int k = 0; k < m.Length; k++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += x[i] * model.Patterns[k * n + i];
            m[k] = Math.Round(s / a2n, 6);
        }
        return m;
    }

    private static float[] Round(ReadOnlySpan<float> x)
    {
        var r = new float[x.Length];
        for (int i = 0; i < r.Length; i++) r[i] = MathF.Round(x[i], 4);
        return r;
    }
}
