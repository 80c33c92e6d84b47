using System.Numerics;
using Basin.Data;
using Basin.Dynamics;

namespace Basin.SaNode;

/// <summary>Batched inference over a labelled image set, collecting <see cref="SaNodeMetrics"/>.</summary>
public static class SaNodeEvaluator
{
    /// <summary>
    /// Integrates every image (pixels in [0,1] as the initial state) for <paramref name="options"/> and scores x(T)
    /// against the planted attractors. <paramref name="noise"/> = ε_test corrupts inputs first (seeded).
    /// <paramref name="progress"/> receives the number of images done. <paramref name="settleTolerance"/> &gt; 0 retires
    /// each trajectory once ‖F(x)‖∞ falls below it (faster; the retired state is taken as x(T)). With
    /// <paramref name="adaptive"/> the images are integrated by <see cref="AdaptiveSolver{T}"/> over its [T0, T1] instead
    /// (one step size per batch), and <paramref name="options"/> is not used.
    /// </summary>
    public static SaNodeMetrics Evaluate<T>(SaNodeRunner<T> runner, LabeledImages data, SolverOptions options, int batchSize = 500,
        double noise = 0, int noiseSeed = 12345, bool keepSampleMse = false, IProgress<int>? progress = null,
        Action<int, int, ReadOnlySpan<T>>? observer = null, CancellationToken cancel = default, double settleTolerance = 0,
        AdaptiveOptions? adaptive = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = runner.Model;
        int n = model.Config.N;
        if (data.PixelsPerImage != n) throw new ArgumentException($"The model has N = {n} nodes but '{data.Name}' images have {data.PixelsPerImage} pixels.");
        if (data.ClassCount > model.Config.K) throw new ArgumentException($"'{data.Name}' has {data.ClassCount} classes but the model plants {model.Config.K} attractors.");
        runner.Refresh();
        var metrics = new SaNodeMetrics(model.Config.K);
        var x0 = new T[batchSize * n]; var xT = new T[batchSize * n];
        var patterns = model.Patterns.ToArray();
        var rng = new Random(noiseSeed);
        var img = new float[n];
        for (int start = 0; start < data.Count; start += batchSize)
        {
            cancel.ThrowIfCancellationRequested();
            int b = Math.Min(batchSize, data.Count - start);
            for (int i = 0; i < b; i++)
            {
                data.Image(start + i).CopyTo(img);
                if (noise > 0) Noise.CorruptInPlace(img, noise, rng);
                for (int j = 0; j < n; j++) x0[i * n + j] = T.CreateTruncating(img[j]);
            }
            if (adaptive is not null)
            {
                if (observer is not null) throw new ArgumentException("Step observers apply to fixed steps, not to an adaptive solve.");
                var r = runner.PredictAdaptive(x0.AsSpan(0, b * n), b, settleTolerance > 0 ? adaptive with { SettleTolerance = settleTolerance } : adaptive,
                    xT.AsSpan(0, b * n), cancel: cancel);
                metrics.StepsTaken += r.AcceptedSteps;
                metrics.RejectedSteps += r.RejectedSteps;
                metrics.Evaluations += settleTolerance > 0 || adaptive.PerRow ? (long)Math.Ceiling((double)r.RowEvaluations / b) : r.Evaluations;
                metrics.RowEvaluations += r.RowEvaluations;
                metrics.RowSteps += r.RowSteps;
            }
            else if (settleTolerance > 0 && observer is null)
            {
                long rowSteps = runner.PredictSettling(x0.AsSpan(0, b * n), b, options, xT.AsSpan(0, b * n), settleTolerance);
                metrics.RowSteps += rowSteps;
                metrics.StepsTaken += options.Steps;
                metrics.Evaluations += (long)Math.Ceiling((double)rowSteps / b * options.Method.FixedStepStages);
                metrics.RowEvaluations += rowSteps * options.Method.FixedStepStages;
            }
            else
            {
                Action<int, ReadOnlySpan<T>>? obs = observer is null ? null : (step, x) => observer(start, step, x);
                runner.Predict(x0.AsSpan(0, b * n), b, options, xT.AsSpan(0, b * n), obs);
                metrics.RowSteps += (long)b * options.Steps;
                metrics.StepsTaken += options.Steps;
                metrics.Evaluations += (long)options.Steps * options.Method.FixedStepStages;
                metrics.RowEvaluations += (long)b * options.Steps * options.Method.FixedStepStages;
            }
            metrics.Add<T>(xT.AsSpan(0, b * n), data.Labels.AsSpan(start, b), patterns, n, model.Config.A, keepSampleMse);
            progress?.Report(start + b);
        }
        return metrics;
    }
}
