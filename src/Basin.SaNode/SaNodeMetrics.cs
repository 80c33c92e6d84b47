using System.Numerics;

namespace Basin.SaNode;

/// <summary>
/// The paper's read-outs of final states x(T) against the planted attractors (Marino et al. 2024, §III):
/// overlap m_f = (1/(N a²)) x·φ_y averaged over samples; per-sample sign overlap m⁽ʲ⁾ = (1/N) Σᵢ sign(xᵢ) sign(φ_y,i);
/// accuracy H = share of samples with m⁽ʲ⁾ ≥ 0.95; "perfect" samples have m⁽ʲ⁾ = 1; the nearest-attractor accuracy
/// classifies by argmax_k x·φ⁽ᵏ⁾ (equivalently the nearest attractor in Euclidean distance, as all have equal norm).
/// </summary>
public sealed class SaNodeMetrics
{
    private readonly int _k;
    private long _count, _hits, _perfect, _nearest;
    private double _overlap, _mse;
    private readonly long[] _classCount, _classHits, _classNearest;
    private readonly List<double> _sampleMse = new();

    /// <summary>Threshold on the sign overlap for a sample to count as correctly classified (paper: 0.95).</summary>
    public double Threshold { get; }

    /// <summary>Creates an accumulator for K classes.</summary>
    public SaNodeMetrics(int classes, double threshold = 0.95)
    {
        _k = classes; Threshold = threshold;
        _classCount = new long[classes]; _classHits = new long[classes]; _classNearest = new long[classes];
    }

    /// <summary>Adds a batch of final states (rows) with their labels.</summary>
    public void Add<T>(ReadOnlySpan<T> states, ReadOnlySpan<byte> labels, ReadOnlySpan<T> patterns, int n, double a, bool keepSampleMse = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (patterns.Length != _k * n) throw new ArgumentException($"Patterns must be {_k}×{n}.");
        if (states.Length < labels.Length * n) throw new ArgumentException("Fewer states than labels.");
        for (int s = 0; s < labels.Length; s++)
        {
            int y = labels[s];
            if (y >= _k) throw new ArgumentException($"Label {y} exceeds the {_k} classes.");
            var x = states.Slice(s * n, n);
            var t = patterns.Slice(y * n, n);
            double dot = 0, mse = 0; int agree = 0;
            for (int i = 0; i < n; i++)
            {
                double xi = double.CreateTruncating(x[i]), ti = double.CreateTruncating(t[i]);
                dot += xi * ti; mse += (xi - ti) * (xi - ti);
                if (Math.Sign(xi) == Math.Sign(ti)) agree++;
            }
            double m = (double)agree / n;
            _count++; _classCount[y]++;
            _overlap += dot / (n * a * a);
            _mse += mse / n;
            if (keepSampleMse) _sampleMse.Add(mse / n);
            if (m >= Threshold) { _hits++; _classHits[y]++; }
            if (agree == n) _perfect++;
            if (Nearest(x, patterns, n) == y) { _nearest++; _classNearest[y]++; }
        }
    }

    /// <summary>Index of the attractor with the largest overlap x·φ⁽ᵏ⁾.</summary>
    public static int Nearest<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> patterns, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0; double bestDot = double.NegativeInfinity;
        for (int k = 0; k < patterns.Length / n; k++)
        {
            double d = 0;
            var p = patterns.Slice(k * n, n);
            for (int i = 0; i < n; i++) d += double.CreateTruncating(x[i]) * double.CreateTruncating(p[i]);
            if (d > bestDot) { bestDot = d; best = k; }
        }
        return best;
    }

    /// <summary>Row-steps integrated to produce the states (less than count·S with early stop).</summary>
    public long RowSteps { get; set; }

    /// <summary>Steps taken, summed over the batches (accepted steps for an adaptive solve).</summary>
    public long StepsTaken { get; set; }

    /// <summary>Rejected adaptive steps, summed over the batches.</summary>
    public long RejectedSteps { get; set; }

    /// <summary>Batched evaluations of F, summed over the batches (with early stop: row-evaluations ÷ batch size).</summary>
    public long Evaluations { get; set; }

    /// <summary>Rows evaluated summed over every evaluation of F (batch × evaluations when no row retires).</summary>
    public long RowEvaluations { get; set; }

    /// <summary>Samples seen.</summary>
    public long Count => _count;

    /// <summary>Accuracy H (share with m⁽ʲ⁾ ≥ threshold).</summary>
    public double Accuracy => _count == 0 ? 0 : (double)_hits / _count;

    /// <summary>Samples whose every sign matches the target attractor (m⁽ʲ⁾ = 1).</summary>
    public long Perfect => _perfect;

    /// <summary>Mean overlap m_f.</summary>
    public double Overlap => _count == 0 ? 0 : _overlap / _count;

    /// <summary>Mean squared error between x(T) and the target attractor.</summary>
    public double Mse => _count == 0 ? 0 : _mse / _count;

    /// <summary>Nearest-attractor accuracy.</summary>
    public double NearestAccuracy => _count == 0 ? 0 : (double)_nearest / _count;

    /// <summary>Per-class (count, H, nearest accuracy).</summary>
    public IReadOnlyList<(long Count, double Accuracy, double NearestAccuracy)> PerClass =>
        Enumerable.Range(0, _k).Select(c => (_classCount[c], _classCount[c] == 0 ? 0 : (double)_classHits[c] / _classCount[c],
            _classCount[c] == 0 ? 0 : (double)_classNearest[c] / _classCount[c])).ToArray();

    /// <summary>Per-sample MSE values, when requested in <see cref="Add{T}"/> (for the bimodal histogram of Fig. 4).</summary>
    public IReadOnlyList<double> SampleMse => _sampleMse;
}
