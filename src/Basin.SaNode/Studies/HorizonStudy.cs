using System.Numerics;
using Basin.Data;
using Basin.Dynamics;

namespace Basin.SaNode.Studies;

/// <summary>Read-outs of one trajectory set at several times t (one integration to the largest).</summary>
/// <param name="Times">The read-out times, ascending.</param>
/// <param name="Accuracy">H(t): share with sign overlap m ≥ 0.95.</param>
/// <param name="Perfect">Samples with m = 1 at t.</param>
/// <param name="NearestAccuracy">Share whose nearest attractor at t is the label's.</param>
/// <param name="Overlap">m_f(t).</param>
/// <param name="Mse">MSE(t) to the target attractors.</param>
/// <param name="ChangedLater">Samples whose nearest attractor at t differs from the one at the last time.</param>
/// <param name="LostLater">Samples nearest to the right attractor at t but to a wrong one at the last time.</param>
/// <param name="Count">Samples.</param>
public sealed record HorizonStudyResult(double[] Times, double[] Accuracy, long[] Perfect, double[] NearestAccuracy, double[] Overlap,
    double[] Mse, int[] ChangedLater, int[] LostLater, int Count);

/// <summary>
/// Is the classification "stably maintained across time and not just referred to the limited horizon of the training
/// time" (Marino et al. 2024, §IV, Fig. 4)? Integrates every image once to the largest requested time and scores the states
/// at each read-out time with <see cref="SaNodeMetrics"/>, and counts the samples whose nearest attractor still changes
/// afterwards. A model trained at a short horizon T_train can classify better at T_train than at T ≈ 120 if some states
/// that lie nearest the right attractor at T_train have not yet entered its basin and drift to another one.
/// </summary>
public static class HorizonStudy
{
    /// <summary>Runs the study; <paramref name="times"/> must be positive multiples of Δt (rounded to the nearest step).</summary>
    public static HorizonStudyResult Run<T>(SaNodeRunner<T> runner, LabeledImages data, ButcherTableau method, double dt, double[] times,
        int batchSize = 500, IProgress<int>? progress = null, CancellationToken cancel = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (times.Length == 0) throw new ArgumentException("Give at least one read-out time.");
        if (!(dt > 0)) throw new ArgumentException($"Δt must be positive, got {dt}.");
        var sorted = times.Distinct().Order().ToArray();
        if (!(sorted[0] > 0) || !double.IsFinite(sorted[^1])) throw new ArgumentException("Read-out times must be positive and finite.");
        var steps = sorted.Select(t => Math.Max(1, (int)Math.Round(t / dt))).ToArray();
        if (steps.Distinct().Count() != steps.Length) throw new ArgumentException($"Read-out times closer than Δt = {dt}: {string.Join(", ", sorted)}.");
        var model = runner.Model;
        int n = model.Config.N, k = model.Config.K, m = steps.Length;
        var metrics = Enumerable.Range(0, m).Select(_ => new SaNodeMetrics(k)).ToArray();
        var nearest = new int[m][];
        for (int i = 0; i < m; i++) nearest[i] = new int[data.Count];
        var patterns = model.Patterns.ToArray();
        var slot = new Dictionary<int, int>();
        for (int i = 0; i < m; i++) slot[steps[i]] = i;
        var options = new SolverOptions(method, dt, steps[^1], Clip: 10 * model.Config.A).Validate();
        SaNodeEvaluator.Evaluate(runner, data, options, batchSize, progress: progress, cancel: cancel, observer: (start, step, x) =>
        {
            if (!slot.TryGetValue(step, out int i)) return;
            int b = Math.Min(batchSize, data.Count - start);
            metrics[i].Add(x.Slice(0, b * n), data.Labels.AsSpan(start, b), patterns, n, model.Config.A);
            for (int s = 0; s < b; s++) nearest[i][start + s] = SaNodeMetrics.Nearest(x.Slice(s * n, n), patterns, n);
        });
        var changed = new int[m]; var lost = new int[m];
        for (int i = 0; i < m; i++)
            for (int s = 0; s < data.Count; s++)
            {
                if (nearest[i][s] == nearest[m - 1][s]) continue;
                changed[i]++;
                if (nearest[i][s] == data.Labels[s]) lost[i]++;
            }
        return new HorizonStudyResult(steps.Select(st => st * dt).ToArray(), metrics.Select(x => x.Accuracy).ToArray(),
            metrics.Select(x => x.Perfect).ToArray(), metrics.Select(x => x.NearestAccuracy).ToArray(), metrics.Select(x => x.Overlap).ToArray(),
            metrics.Select(x => x.Mse).ToArray(), changed, lost, data.Count);
    }
}
