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

/// <summary>The read-outs of one image at every time of a <see cref="HorizonStudy"/>.</summary>
/// <param name="Index">The image's index in the evaluated set.</param>
/// <param name="Label">Its label.</param>
/// <param name="Agree">Per time: nodes whose sign agrees with the label's attractor (sign overlap m = Agree/N).</param>
/// <param name="Nearest">Per time: the attractor with the largest x·φ⁽ᵏ⁾.</param>
/// <param name="Overlap">Per time: x·φ⁽ʸ⁾/(N a²).</param>
/// <param name="Mse">Per time: ‖x − φ⁽ʸ⁾‖²/N.</param>
public sealed record HorizonSample(int Index, int Label, int[] Agree, int[] Nearest, double[] Overlap, double[] Mse);

/// <summary>
/// Is the classification "stably maintained across time and not just referred to the limited horizon of the training
/// time" (Marino et al. 2024, §IV, Fig. 4)? Integrates every image once to the largest requested time and scores the states
/// at each read-out time with <see cref="SaNodeMetrics"/>' definitions, and counts the samples whose nearest attractor still
/// changes afterwards. A model trained at a short horizon T_train can classify better at T_train than at T ≈ 120 if some
/// states that lie nearest the right attractor at T_train have not yet entered its basin and drift to another one.
/// The study is computed per image (<see cref="Samples{T}"/>) and aggregated in image order (<see cref="Aggregate"/>), so
/// that images split over several machines merge into exactly the unsharded result.
/// </summary>
public static partial class HorizonStudy
{
    /// <summary>Runs the study; <paramref name="times"/> must be positive multiples of Δt (rounded to the nearest step).</summary>
    public static HorizonStudyResult Run<T>(SaNodeRunner<T> runner, LabeledImages data, ButcherTableau method, double dt, double[] times,
        int batchSize = 500, IProgress<int>? progress = null, CancellationToken cancel = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (readOut, samples) = Samples(runner, data, method, dt, times, 0, data.Count, batchSize, progress, cancel);
        return Aggregate(readOut, runner.Model.Config.N, samples);
    }

    /// <summary>The read-out times on the Δt grid (ascending, distinct) for the requested <paramref name="times"/>.</summary>
    public static double[] ReadOutTimes(double dt, double[] times) => Steps(dt, times).Select(s => s * dt).ToArray();

    private static int[] Steps(double dt, double[] times)
    {
        if (times.Length == 0) throw new ArgumentException("Give at least one read-out time.");
        if (!(dt > 0)) throw new ArgumentException($"Δt must be positive, got {dt}.");
        var sorted = times.Distinct().Order().ToArray();
        if (!(sorted[0] > 0) || !double.IsFinite(sorted[^1])) throw new ArgumentException("Read-out times must be positive and finite.");
        var steps = sorted.Select(t => Math.Max(1, (int)Math.Round(t / dt))).ToArray();
        if (steps.Distinct().Count() != steps.Length) throw new ArgumentException($"Read-out times closer than Δt = {dt}: {string.Join(", ", sorted)}.");
        return steps;
    }

    /// <summary>
    /// The per-image read-outs of images <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1
    /// of <paramref name="data"/>, in order, with the read-out times. Each image's values depend only on the image (the
    /// trajectories of a batch are independent rows), not on which other images share its batch.
    /// </summary>
    public static (double[] Times, HorizonSample[] Samples) Samples<T>(SaNodeRunner<T> runner, LabeledImages data, ButcherTableau method, double dt,
        double[] times, int start, int count, int batchSize = 500, IProgress<int>? progress = null, CancellationToken cancel = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var steps = Steps(dt, times);
        if (start < 0 || count < 0 || start + count > data.Count) throw new ArgumentOutOfRangeException(nameof(count), $"Images {start}..{start + count} are outside the {data.Count} images.");
        var model = runner.Model;
        int n = model.Config.N, m = steps.Length;
        double a = model.Config.A;
        var samples = new HorizonSample[count];
        for (int s = 0; s < count; s++)
            samples[s] = new HorizonSample(start + s, data.Labels[start + s], new int[m], new int[m], new double[m], new double[m]);
        var patterns = model.Patterns.ToArray();
        var slot = new Dictionary<int, int>();
        for (int i = 0; i < m; i++) slot[steps[i]] = i;
        var options = new SolverOptions(method, dt, steps[^1], Clip: 10 * a).Validate();
        if (count > 0)
            SaNodeEvaluator.Evaluate(runner, start == 0 && count == data.Count ? data : data.Subset(Enumerable.Range(start, count).ToArray()), options, batchSize, progress: progress, cancel: cancel, observer: (first, step, x) =>
            {
                if (!slot.TryGetValue(step, out int i)) return;
                int b = Math.Min(batchSize, count - first);
                for (int s = 0; s < b; s++) Score(samples[first + s], i, x.Slice(s * n, n), patterns, n, a);
            });
        return (steps.Select(st => st * dt).ToArray(), samples);
    }

    /// <summary>The read-outs of one state, with the definitions of <see cref="SaNodeMetrics.Add{T}"/>.</summary>
    private static void Score<T>(HorizonSample sample, int i, ReadOnlySpan<T> x, ReadOnlySpan<T> patterns, int n, double a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = patterns.Slice(sample.Label * n, n);
        double dot = 0, mse = 0; int agree = 0;
        for (int j = 0; j < n; j++)
        {
            double xj = double.CreateTruncating(x[j]), tj = double.CreateTruncating(t[j]);
            dot += xj * tj; mse += (xj - tj) * (xj - tj);
            if (Math.Sign(xj) == Math.Sign(tj)) agree++;
        }
        sample.Agree[i] = agree;
        sample.Overlap[i] = dot / (n * a * a);
        sample.Mse[i] = mse / n;
        sample.Nearest[i] = SaNodeMetrics.Nearest(x, patterns, n);
    }

    /// <summary>
    /// The study's result from per-image read-outs, summed in the given order: H(t) = share with m ≥
    /// <paramref name="threshold"/>, perfect = count with m = 1, nearest-attractor accuracy, m_f(t) and MSE(t) as means,
    /// and per t the samples whose nearest attractor differs from the one at the last time (and of those, the ones right at t).
    /// </summary>
    public static HorizonStudyResult Aggregate(double[] times, int n, IReadOnlyList<HorizonSample> samples, double threshold = 0.95)
    {
        int m = times.Length, c = samples.Count;
        var acc = new double[m]; var perfect = new long[m]; var nearest = new double[m]; var overlap = new double[m]; var mse = new double[m];
        var changed = new int[m]; var lost = new int[m];
        for (int i = 0; i < m; i++)
        {
            long hits = 0, near = 0; double ov = 0, ms = 0;
            foreach (var s in samples)
            {
                if ((double)s.Agree[i] / n >= threshold) hits++;
                if (s.Agree[i] == n) perfect[i]++;
                if (s.Nearest[i] == s.Label) near++;
                ov += s.Overlap[i]; ms += s.Mse[i];
                if (s.Nearest[i] == s.Nearest[m - 1]) continue;
                changed[i]++;
                if (s.Nearest[i] == s.Label) lost[i]++;
            }
            acc[i] = c == 0 ? 0 : (double)hits / c;
            nearest[i] = c == 0 ? 0 : (double)near / c;
            overlap[i] = c == 0 ? 0 : ov / c;
            mse[i] = c == 0 ? 0 : ms / c;
        }
        return new HorizonStudyResult(times, acc, perfect, nearest, overlap, mse, changed, lost, c);
    }
}
