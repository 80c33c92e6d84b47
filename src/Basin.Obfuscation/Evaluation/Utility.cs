using Basin.Data;
using Basin.Dynamics;
using Basin.SaNode;
using Basin.Stability.Classifiers;
using Basin.Tensors;
using Basin.Tensors.Blas;

namespace Basin.Obfuscation.Evaluation;

/// <summary>A labelled train/test split of row vectors (row-major, width D).</summary>
public sealed record Split(double[] TrainX, int[] TrainY, double[] TestX, int[] TestY, int D)
{
    /// <summary>Training rows.</summary>
    public int TrainCount => TrainY.Length;

    /// <summary>Test rows.</summary>
    public int TestCount => TestY.Length;
}

/// <summary>Sizes and budgets of the downstream models used to measure utility.</summary>
/// <param name="KnnK">k of k-nearest neighbours.</param>
/// <param name="LogRegEpochs">Epochs of logistic regression (Adam, cross-entropy).</param>
/// <param name="MlpEpochs">Epochs of the ReLU MLP.</param>
/// <param name="MlpHidden">Hidden width of the MLP.</param>
/// <param name="SaNodeEpochs">Epochs of SA-nODE (0 = skip SA-nODE).</param>
/// <param name="Seed">Seed of every model.</param>
public sealed record UtilityOptions(int KnnK = 3, int LogRegEpochs = 20, int MlpEpochs = 15, int MlpHidden = 256, int SaNodeEpochs = 15, ulong Seed = 1);

/// <summary>
/// Utility of a representation: test accuracy of k-NN (on the raw vectors: the geometry itself), logistic regression,
/// a ReLU MLP and SA-nODE (N = width of the vectors, K = 10, Euler Δt = 0.1, 55 training steps, evaluated at T = 120
/// with the 0.95 overlap threshold, H of the paper, and the nearest-attractor accuracy). Logistic regression and the
/// MLP see each feature min–max scaled to [0, 1] on the training rows (test values clipped); SA-nODE sees features
/// centred on the double well's barrier (<see cref="CenteredImages"/>).
/// </summary>
public static class Utility
{
    /// <summary>
    /// Accuracy of every model on <paramref name="s"/>; <paramref name="log"/> receives one line per model. An SA-nODE
    /// training that fails numerically (diverges, or Φ becomes singular) leaves out the <c>sanode</c> keys and logs why.
    /// </summary>
    /// <param name="s">The split.</param>
    /// <param name="o">Model sizes and budgets.</param>
    /// <param name="log">One line per model.</param>
    /// <param name="cancel">Cancellation.</param>
    /// <param name="saNode">The SA-nODE measurement (train, test, epochs, seed → H, nearest); null: <see cref="SaNodeAccuracy"/>.</param>
    public static Dictionary<string, double> Measure(Split s, UtilityOptions o, Action<string>? log = null, CancellationToken cancel = default,
        Func<LabeledImages, LabeledImages, int, ulong, CancellationToken, (double H, double Nearest)>? saNode = null)
    {
        var r = new Dictionary<string, double> { ["knn"] = Knn(s, o.KnnK) };
        log?.Invoke($"    knn {r["knn"]:F4}");
        var (tr, te) = MinMaxImages(s);
        if (o.LogRegEpochs > 0)
        {
            var c = new MlpClassifier([s.D, 10], o.Seed);
            BaselineTrainer.Train(c, tr, o.LogRegEpochs, seed: o.Seed, cancel: cancel);
            r["logreg"] = BaselineTrainer.Accuracy(c, te);
            log?.Invoke($"    logreg {r["logreg"]:F4}");
        }
        if (o.MlpEpochs > 0)
        {
            var c = new MlpClassifier([s.D, o.MlpHidden, 10], o.Seed);
            BaselineTrainer.Train(c, tr, o.MlpEpochs, seed: o.Seed, cancel: cancel);
            r["mlp"] = BaselineTrainer.Accuracy(c, te);
            log?.Invoke($"    mlp {r["mlp"]:F4}");
        }
        if (o.SaNodeEpochs > 0 && s.D <= 10) log?.Invoke($"    sanode skipped: it plants 10 attractors and needs more than 10 nodes (d = {s.D})");
        if (o.SaNodeEpochs > 0 && s.D > 10)
        {
            var (ctr, cte) = CenteredImages(s);
            try
            {
                var (h, nearest) = (saNode ?? SaNodeAccuracy)(ctr, cte, o.SaNodeEpochs, o.Seed, cancel);
                r["sanode"] = h;
                r["sanode_nearest"] = nearest;
                log?.Invoke($"    sanode H {h:F4}, nearest-attractor {nearest:F4}");
            }
            catch (ArithmeticException e)
            {
                // A training that diverges or makes Φ singular on this representation is a result about the representation,
                // not a reason to lose the other models' and transforms' numbers: the SA-nODE cells stay empty.
                log?.Invoke($"    sanode failed: {e.Message}");
            }
        }
        return r;
    }

    /// <summary>SA-nODE trained on <paramref name="train"/> (cosine schedule, lr 2·10⁻³, batch 250, T = 5.5); its H (overlap ≥ 0.95) and nearest-attractor accuracy on <paramref name="test"/> at T = 120.</summary>
    public static (double H, double Nearest) SaNodeAccuracy(LabeledImages train, LabeledImages test, int epochs, ulong seed, CancellationToken cancel = default)
    {
        var model = new SaNodeModel<float>(new SaNodeConfig { N = train.PixelsPerImage, K = train.ClassCount }, new Rng(seed));
        var trainer = new SaNodeTrainer(model, new SaNodeTrainOptions { Epochs = epochs, LearningRate = 2e-3, Schedule = "cosine", WarmupEpochs = 1, Seed = seed }.Validate());
        trainer.Run(train, null, null, cancel: cancel);
        trainer.Runner.Refresh();
        var eval = new SolverOptions(ButcherTableau.Parse("euler"), 0.1, 1200, Clip: 10 * model.Config.A);
        var metrics = SaNodeEvaluator.Evaluate(trainer.Runner, test, eval, settleTolerance: 1e-5, cancel: cancel);
        return (metrics.Accuracy, metrics.NearestAccuracy);
    }

    /// <summary>k-nearest-neighbour accuracy (Euclidean; majority vote, ties to the nearer class); distances by GEMM.</summary>
    public static double Knn(Split s, int k)
    {
        int n = s.TrainCount, m = s.TestCount, d = s.D;
        if (m == 0) return double.NaN;
        var trNorm = RowNorms(s.TrainX, n, d); var teNorm = RowNorms(s.TestX, m, d);
        const int chunk = 256;
        var dots = new double[chunk * n];
        int correct = 0;
        var bestD = new double[k]; var bestL = new int[k];
        for (int start = 0; start < m; start += chunk)
        {
            int b = Math.Min(chunk, m - start);
            Blas.Gemm(false, true, b, n, d, 1.0, s.TestX.AsSpan(start * d, b * d), d, s.TrainX, d, 0.0, dots, n);
            for (int i = 0; i < b; i++)
            {
                int kk = Math.Min(k, n);
                Array.Fill(bestD, double.PositiveInfinity); Array.Fill(bestL, -1);
                for (int j = 0; j < n; j++)
                {
                    double dist = teNorm[start + i] + trNorm[j] - 2 * dots[i * n + j];
                    if (dist >= bestD[kk - 1]) continue;
                    int p = kk - 1;
                    while (p > 0 && bestD[p - 1] > dist) { bestD[p] = bestD[p - 1]; bestL[p] = bestL[p - 1]; p--; }
                    bestD[p] = dist; bestL[p] = s.TrainY[j];
                }
                var votes = new Dictionary<int, int>();
                int best = bestL[0], bestVotes = 0;
                for (int q = 0; q < kk; q++)
                {
                    votes[bestL[q]] = votes.GetValueOrDefault(bestL[q]) + 1;
                    if (votes[bestL[q]] > bestVotes) { bestVotes = votes[bestL[q]]; best = bestL[q]; }
                }
                if (best == s.TestY[start + i]) correct++;
            }
        }
        return (double)correct / m;
    }

    /// <summary>
    /// SA-nODE's inputs: every feature shifted by its training median and divided by twice its largest training
    /// deviation, so values lie in [−½, ½] with the typical value at 0 — the double well's barrier, where plain MNIST's
    /// background pixels already sit (for plain pixels the median is 0 almost everywhere, so this changes little). Min–max
    /// scaling to [0, 1] would instead start every coordinate of a rotated vector near +a = ½, inside one well, where the
    /// flow cannot separate the classes. The arrays are built in range and then shifted in place, since
    /// <see cref="LabeledImages"/> validates pixel values against [0, 1].
    /// </summary>
    public static (LabeledImages Train, LabeledImages Test) CenteredImages(Split s)
    {
        int d = s.D, n = s.TrainCount;
        var med = new double[d]; var span = new double[d];
        var col = new double[n];
        for (int j = 0; j < d; j++)
        {
            for (int i = 0; i < n; i++) col[i] = s.TrainX[i * d + j];
            Array.Sort(col);
            med[j] = n == 0 ? 0 : col[n / 2];
            span[j] = n == 0 ? 0 : 2 * Math.Max(col[^1] - med[j], med[j] - col[0]);
        }
        LabeledImages Make(string name, double[] x, int[] y, int rows)
        {
            var p = new float[rows * d];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < d; j++)
                    p[i * d + j] = span[j] > 0 ? (float)Math.Clamp((x[i * d + j] - med[j]) / span[j] + 0.5, 0, 1) : 0.5f;
            var img = new LabeledImages(name, p, y.Select(v => (byte)v).ToArray(), 1, d, Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            for (int i = 0; i < p.Length; i++) img.Pixels[i] -= 0.5f;
            return img;
        }
        return (Make("train", s.TrainX, s.TrainY, n), Make("test", s.TestX, s.TestY, s.TestCount));
    }

    /// <summary>Both splits as images 1×D with every feature min–max scaled on the training rows (test clipped to [0, 1]).</summary>
    public static (LabeledImages Train, LabeledImages Test) MinMaxImages(Split s)
    {
        int d = s.D;
        var lo = new double[d]; var hi = new double[d];
        Array.Fill(lo, double.PositiveInfinity); Array.Fill(hi, double.NegativeInfinity);
        for (int i = 0; i < s.TrainCount; i++)
            for (int j = 0; j < d; j++) { double v = s.TrainX[i * d + j]; lo[j] = Math.Min(lo[j], v); hi[j] = Math.Max(hi[j], v); }
        float[] Scale(double[] x, int n)
        {
            var r = new float[n * d];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < d; j++)
                {
                    double w = hi[j] - lo[j];
                    r[i * d + j] = w > 0 ? (float)Math.Clamp((x[i * d + j] - lo[j]) / w, 0, 1) : 0f;
                }
            return r;
        }
        string[] names = Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var tr = new LabeledImages("train", Scale(s.TrainX, s.TrainCount), s.TrainY.Select(v => (byte)v).ToArray(), 1, d, names);
        var te = new LabeledImages("test", Scale(s.TestX, s.TestCount), s.TestY.Select(v => (byte)v).ToArray(), 1, d, names);
        return (tr, te);
    }

    private static double[] RowNorms(double[] x, int n, int d)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++) { double s = 0; for (int j = 0; j < d; j++) s += x[i * d + j] * x[i * d + j]; r[i] = s; }
        return r;
    }

    /// <summary>Spearman correlation of the pairwise distances among the first <paramref name="rows"/> test rows, plain vs transformed.</summary>
    public static double DistanceRankCorrelation(double[] plain, int d, double[] obf, int dOut, int rows)
    {
        var a = new List<double>(); var b = new List<double>();
        for (int i = 0; i < rows; i++)
            for (int j = i + 1; j < rows; j++)
            {
                double s = 0, t = 0;
                for (int q = 0; q < d; q++) { double u = plain[i * d + q] - plain[j * d + q]; s += u * u; }
                for (int q = 0; q < dOut; q++) { double u = obf[i * dOut + q] - obf[j * dOut + q]; t += u * u; }
                a.Add(s); b.Add(t);
            }
        var ra = Ranks(a.ToArray()); var rb = Ranks(b.ToArray());
        double ma = ra.Average(), mb = rb.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < ra.Length; i++) { sab += (ra[i] - ma) * (rb[i] - mb); saa += (ra[i] - ma) * (ra[i] - ma); sbb += (rb[i] - mb) * (rb[i] - mb); }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : double.NaN;
    }

    private static double[] Ranks(double[] v)
    {
        var idx = Enumerable.Range(0, v.Length).ToArray();
        Array.Sort((double[])v.Clone(), idx);
        var r = new double[v.Length];
        for (int i = 0; i < idx.Length;)
        {
            int j = i;
            while (j + 1 < idx.Length && v[idx[j + 1]] == v[idx[i]]) j++;
            for (int q = i; q <= j; q++) r[idx[q]] = 0.5 * (i + j);
            i = j + 1;
        }
        return r;
    }
}
