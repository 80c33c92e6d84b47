using System.Numerics;
using Basin.Data;
using Basin.Dynamics;

namespace Basin.SaNode.Studies;

/// <summary>What an adaptive horizon study cost.</summary>
/// <param name="RowSteps">Accepted steps summed over images (with per-row control every image has its own step size).</param>
/// <param name="RowEvaluations">Evaluations of F summed over images (one row of the batch each; rejected steps and first-step
/// selection included).</param>
public sealed record HorizonCost(long RowSteps, long RowEvaluations);

public static partial class HorizonStudy
{
    /// <summary>
    /// The per-image read-outs of <see cref="Samples{T}"/> with an adaptive embedded pair instead of fixed steps: every image
    /// is integrated with its own step size (per-row PID control, <see cref="AdaptiveOptions.PerRow"/>) from one read-out time
    /// to the next, t₀ = 0 &lt; t₁ &lt; … &lt; t_m, and scored at each tᵢ exactly (no rounding to a Δt grid). Restarting the
    /// controller at each tᵢ costs a first-step selection per segment but keeps each image's values a function of that image
    /// alone, so shards merge into the unsharded result as with fixed steps.
    /// </summary>
    /// <param name="runner">The model.</param>
    /// <param name="data">Test images.</param>
    /// <param name="method">An embedded pair (<see cref="ButcherTableau.IsAdaptive"/>).</param>
    /// <param name="rtol">Relative tolerance.</param>
    /// <param name="atol">Absolute tolerance.</param>
    /// <param name="times">Read-out times (sorted and deduplicated here).</param>
    /// <param name="start">First image.</param>
    /// <param name="count">Images.</param>
    /// <param name="batchSize">Images integrated together (does not change the result).</param>
    /// <param name="maxSteps">Most steps per segment and image before the solve fails naming the time reached.</param>
    /// <param name="progress">Images done.</param>
    /// <param name="cancel">Cancellation.</param>
    public static (double[] Times, HorizonSample[] Samples, HorizonCost Cost) SamplesAdaptive<T>(SaNodeRunner<T> runner, LabeledImages data,
        ButcherTableau method, double rtol, double atol, double[] times, int start, int count, int batchSize = 500, int maxSteps = 4096,
        IProgress<int>? progress = null, CancellationToken cancel = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (times.Length == 0) throw new ArgumentException("Give at least one read-out time.");
        var sorted = times.Distinct().Order().ToArray();
        if (!(sorted[0] > 0) || !double.IsFinite(sorted[^1])) throw new ArgumentException("Read-out times must be positive and finite.");
        if (!method.IsAdaptive) throw new ArgumentException($"{method.Name} has no error estimate; adaptive read-outs need an embedded pair ({string.Join(", ", ButcherTableau.AdaptiveNames)}).");
        if (start < 0 || count < 0 || start + count > data.Count) throw new ArgumentOutOfRangeException(nameof(count), $"Images {start}..{start + count} are outside the {data.Count} images.");
        if (batchSize < 1) throw new ArgumentException("The batch must hold at least one image.");
        var model = runner.Model;
        int n = model.Config.N, m = sorted.Length;
        double a = model.Config.A;
        if (data.PixelsPerImage != n) throw new ArgumentException($"The model has N = {n} nodes but '{data.Name}' images have {data.PixelsPerImage} pixels.");
        runner.Refresh();
        var patterns = model.Patterns.ToArray();
        var samples = new HorizonSample[count];
        for (int s = 0; s < count; s++)
            samples[s] = new HorizonSample(start + s, data.Labels[start + s], new int[m], new int[m], new double[m], new double[m]);
        var segments = new AdaptiveOptions[m];
        for (int i = 0; i < m; i++)
            segments[i] = new AdaptiveOptions(method, i == 0 ? 0 : sorted[i - 1], sorted[i], rtol, atol, MaxSteps: maxSteps, Clip: 10 * a, PerRow: true).Validate();
        var x = new T[batchSize * n]; var next = new T[batchSize * n];
        long steps = 0, evaluations = 0;
        for (int first = 0; first < count; first += batchSize)
        {
            cancel.ThrowIfCancellationRequested();
            int b = Math.Min(batchSize, count - first);
            for (int s = 0; s < b; s++)
            {
                var img = data.Image(start + first + s);
                for (int j = 0; j < n; j++) x[s * n + j] = T.CreateTruncating(img[j]);
            }
            for (int i = 0; i < m; i++)
            {
                var r = runner.PredictAdaptive(x.AsSpan(0, b * n), b, segments[i], next.AsSpan(0, b * n), cancel: cancel);
                steps += r.RowSteps; evaluations += r.RowEvaluations;
                for (int s = 0; s < b; s++) Score(samples[first + s], i, next.AsSpan(s * n, n), patterns, n, a);
                (x, next) = (next, x);
            }
            progress?.Report(first + b);
        }
        return (sorted, samples, new HorizonCost(steps, evaluations));
    }
}
