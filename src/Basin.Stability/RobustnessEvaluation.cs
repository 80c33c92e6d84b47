using Basin.Data;
using Basin.Stability.Attacks;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability;

/// <summary>
/// Careful robustness evaluation in the spirit of AutoAttack (Croce &amp; Hein 2020) and Carlini et al.'s checklist. Every
/// correctly classified image is attacked at every budget of both norms by the attacks of <see cref="AttackCatalogue"/>
/// for that norm: the fixed-budget gradient attacks (FGSM, PGD with both losses …) form the white-box set; PGD (margin)
/// with doubled iterations and doubled restarts runs on the check subset; transfer (with a surrogate) and random noise on
/// every image; score-only attacks (Square) on the black-box subset where every white-box attack failed; minimal-norm
/// attacks (DeepFool; HopSkipJump on the black-box subset) run once and count as successful at every budget above the
/// distance they found. An image counts as robust at a budget only if every attack failed there (per-image worst case);
/// the worst case is then extended with PGD on larger budgets until it reaches 0. Per image it records the smallest L2
/// flip, the smallest L∞ flip (bisection on the budget with PGD from the bracket the curves give), ‖∇ₓ CE‖₂, and on the
/// Lipschitz subset ‖∂s/∂x‖₂. Images are processed in batches of <see cref="RobustnessOptions.BatchSize"/> with a seed
/// derived from the batch's index, so any range of batches gives the same per-image outcomes as the whole run.
/// </summary>
public static class RobustnessEvaluation
{
    /// <summary>Runs on the first <paramref name="count"/> images and aggregates; <paramref name="progress"/> receives images done.</summary>
    public static RobustnessResult Run(IClassifier c, LabeledImages data, int count, RobustnessOptions? options = null,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var o = (options ?? new RobustnessOptions()).Validate();
        return RobustnessSummary.Aggregate(Evaluate(c, data, count, o, 0, Batches(Math.Min(count, data.Count), o.BatchSize), progress, cancel));
    }

    /// <summary>Number of batches of <paramref name="batchSize"/> images among <paramref name="count"/> (the unit of sharding).</summary>
    public static int Batches(int count, int batchSize) => (count + batchSize - 1) / batchSize;

    /// <summary>
    /// Per-image outcomes on batches [<paramref name="firstBatch"/>, +<paramref name="batchCount"/>) of the first
    /// <paramref name="count"/> images; <paramref name="progress"/> receives images done within the range.
    /// </summary>
    public static RobustnessRun Evaluate(IClassifier c, LabeledImages data, int count, RobustnessOptions options, int firstBatch, int batchCount,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var o = options.Validate();
        if (data.PixelsPerImage != c.Dimension) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the classifier expects {c.Dimension}.");
        count = Math.Min(count, data.Count);
        if (count < 1) throw new ArgumentException("Nothing to attack: count must be ≥ 1.");
        var linfLadder = Ladder(o.LInfEpsilons[^1], 1.0);
        var l2Ladder = Ladder(o.L2Epsilons[^1], Math.Sqrt(c.Dimension));
        var images = new List<RobustnessImage>();
        int examples = 0, done = 0;
        for (int b = firstBatch; b < firstBatch + batchCount; b++)
        {
            cancel.ThrowIfCancellationRequested();
            int start = b * o.BatchSize, n = Math.Min(o.BatchSize, count - start);
            if (n <= 0) break;
            var batch = new BatchEvaluation(c, ImageBatch.From(data, start, n), o, linfLadder, l2Ladder, BatchSeed(o.Seed, b));
            foreach (var img in batch.Run())
            {
                var keep = img.Example != null && examples < 8 ? img : img with { Example = null };
                if (keep.Example != null) examples++;
                images.Add(keep);
            }
            progress?.Report(done += n);
        }
        return new RobustnessRun(c.Name, o.LInfEpsilons, o.L2Epsilons, linfLadder, l2Ladder, o.ExtendUntilZero, o.Tolerance, images);
    }

    /// <summary>The seed of batch <paramref name="batch"/>: SplitMix64 of the run's seed and the batch index (Steele et al. 2014).</summary>
    public static ulong BatchSeed(ulong seed, int batch)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)(batch + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Budgets ε_max·1.5ʲ up to <paramref name="cap"/> (the last one is the cap itself).</summary>
    internal static double[] Ladder(double last, double cap)
    {
        var r = new List<double>();
        for (double e = last * 1.5; e < cap; e *= 1.5) r.Add(e);
        if (last < cap) r.Add(cap);
        return r.ToArray();
    }

    internal static double[] Gather(double[] src, int[] rows, int d)
    {
        var r = new double[rows.Length * d];
        for (int a = 0; a < rows.Length; a++) src.AsSpan(rows[a] * d, d).CopyTo(r.AsSpan(a * d));
        return r;
    }
}

/// <summary>Local Lipschitz estimate of any classifier: ‖∂s/∂x‖₂ at x by power iteration (exact VJPs, central-difference JVPs).</summary>
public static class ClassifierLipschitz
{
    /// <summary>Spectral norm of the score Jacobian at <paramref name="x"/>.</summary>
    public static double SpectralNorm(IClassifier c, double[] x, int iterations = 20, double h = 1e-5, ulong seed = 1)
    {
        int d = c.Dimension, k = c.Classes;
        var v = Tensor.Normal(new Rng(seed), 0.0, 1.0, d).ToArray();
        double nv = Math.Sqrt(v.Sum(z => z * z));
        for (int i = 0; i < d; i++) v[i] /= nv;
        var jv = new double[k]; var jtu = new double[d]; var s = new double[k];
        var xpm = new double[2 * d]; var spm = new double[2 * k];
        double sigma = 0;
        for (int it = 0; it < iterations; it++)
        {
            for (int i = 0; i < d; i++) { xpm[i] = x[i] + h * v[i]; xpm[d + i] = x[i] - h * v[i]; }
            c.Scores(xpm, 2, spm);
            for (int j = 0; j < k; j++) jv[j] = (spm[j] - spm[k + j]) / (2 * h);
            c.InputGradient(x, 1, jv, jtu, s);
            double n = Math.Sqrt(jtu.Sum(z => z * z));
            if (!(n > 0)) return 0;
            sigma = Math.Sqrt(n);
            for (int i = 0; i < d; i++) v[i] = jtu[i] / n;
        }
        return sigma;
    }
}
