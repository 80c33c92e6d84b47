using Basin.Data;

namespace Basin.Obfuscation;

/// <summary>One attacker measurement.</summary>
/// <param name="Attacker">Attacker name.</param>
/// <param name="KnownPairs">k, the number of known plaintext/obfuscated pairs.</param>
/// <param name="MedianRelativeError">Median of ‖x̂−x‖/‖x‖ over the test rows.</param>
/// <param name="RecoveredWithin5Percent">Share of test rows with relative error ≤ 0.05.</param>
public sealed record AttackResult(string Attacker, int KnownPairs, double MedianRelativeError, double RecoveredWithin5Percent);

/// <summary>Measurements for one transform.</summary>
/// <param name="Name">Transform name.</param>
/// <param name="Utility">Model → accuracy on obfuscated data.</param>
/// <param name="PlainUtility">Model → accuracy on plain data.</param>
/// <param name="DistanceRankCorrelation">Spearman correlation of pairwise test distances, plain vs obfuscated.</param>
/// <param name="Attack">Attacker results over k.</param>
public sealed record TransformResult(string Name, IReadOnlyDictionary<string, double> Utility, IReadOnlyDictionary<string, double> PlainUtility,
    double DistanceRankCorrelation, IReadOnlyList<AttackResult> Attack);

/// <summary>Sizes for the MNIST evaluation (<see cref="Evaluation"/>).</summary>
/// <param name="Train">Training images.</param>
/// <param name="Test">Test images.</param>
/// <param name="Geometries">Geometry weights w of our transform to evaluate.</param>
/// <param name="Layers">Coupling layers of our transform.</param>
/// <param name="NoiseSigma">Standard deviation of the additive-noise baseline (pixels in [0,1]).</param>
/// <param name="KnnK">k of k-NN.</param>
/// <param name="Seed">Seed for keys and baselines.</param>
public sealed record EvaluationOptions(int Train = 5000, int Test = 1000, double[]? Geometries = null, int Layers = 4,
    double NoiseSigma = 0.3, int KnnK = 3, int Seed = 1);

/// <summary>Utility/privacy evaluation on MNIST: k-NN and least-squares known-pair attacker (k = 0, d/4, d, 2d, capped by the training set).</summary>
public static class Evaluation
{
    /// <summary>Runs the evaluation on the first Train/Test images of MNIST (pixels in [0,1], d = 784).</summary>
    public static IReadOnlyList<TransformResult> Run(EvaluationOptions o, Action<string>? log = null)
    {
        var train = Datasets.Load(Datasets.MnistName, "train");
        var test = Datasets.Load(Datasets.MnistName, "test");
        int d = train.PixelsPerImage, n = Math.Min(o.Train, train.Count), m = Math.Min(o.Test, test.Count);
        var xtr = new double[n * d]; var xte = new double[m * d];
        for (int i = 0; i < xtr.Length; i++) xtr[i] = train.Pixels[i];
        for (int i = 0; i < xte.Length; i++) xte[i] = test.Pixels[i];
        var ytr = train.Labels.AsSpan(0, n).ToArray().Select(b => (int)b).ToArray();
        var yte = test.Labels.AsSpan(0, m).ToArray().Select(b => (int)b).ToArray();
        return Run(xtr, ytr, xte, yte, d, o, log);
    }

    /// <summary>Runs the evaluation on given row-major data.</summary>
    public static IReadOnlyList<TransformResult> Run(double[] xtr, int[] ytr, double[] xte, int[] yte, int d, EvaluationOptions o, Action<string>? log = null)
    {
        int n = ytr.Length, m = yte.Length;
        var plainUtility = new Dictionary<string, double> { ["knn"] = Attacks.KnnAccuracy(xtr, ytr, xte, yte, d, o.KnnK) };
        log?.Invoke($"plain k-NN {plainUtility["knn"]:F4}");
        var seedKey = new byte[32];
        new Random(o.Seed).NextBytes(seedKey);
        double scale = Rms(xtr);
        var results = new List<TransformResult>();
        var rnd = new Random(o.Seed + 1);

        // Haar rotation: our transform with the coupling off (w = ∞).
        var rot = new KeyedTransform(new ObfuscationKey(seedKey, d, double.PositiveInfinity, 0, scale));
        results.Add(Measure("haar_rotation", rot.ForwardRows(xtr, n), rot.ForwardRows(xte, m), d));
        foreach (var w in o.Geometries ?? [0.0, 1.0, 10.0])
        {
            var t = new KeyedTransform(new ObfuscationKey(seedKey, d, w, o.Layers, scale));
            results.Add(Measure(FormattableString.Invariant($"keyed_coupling_w{w}"), t.ForwardRows(xtr, n), t.ForwardRows(xte, m), d));
        }
        int p = Math.Max(1, d / 4);
        var proj = new double[p * d];
        for (int i = 0; i < proj.Length; i++) proj[i] = Gauss(rnd) / Math.Sqrt(p);
        results.Add(Measure($"random_projection_{p}", Project(proj, p, d, xtr, n), Project(proj, p, d, xte, m), p));
        var ntr = (double[])xtr.Clone(); var nte = (double[])xte.Clone();
        for (int i = 0; i < ntr.Length; i++) ntr[i] += o.NoiseSigma * Gauss(rnd);
        for (int i = 0; i < nte.Length; i++) nte[i] += o.NoiseSigma * Gauss(rnd);
        results.Add(Measure(FormattableString.Invariant($"additive_noise_sigma{o.NoiseSigma}"), ntr, nte, d));
        return results;

        TransformResult Measure(string name, double[] otr, double[] ote, int dOut)
        {
            var util = new Dictionary<string, double> { ["knn"] = Attacks.KnnAccuracy(otr, ytr, ote, yte, dOut, o.KnnK) };
            double rho = Spearman(xte, ote, m, d, dOut, Math.Min(m, 150));
            var attacks = new List<AttackResult>();
            foreach (int k in new[] { 0, d / 4, d, 2 * d }.Where(k => k <= n).Distinct())
            {
                var rec = Attacks.LeastSquares(xtr, otr, k, dOut, d, ote, m);
                var err = Attacks.RelativeErrors(xte, rec, m, d);
                attacks.Add(new AttackResult("least_squares", k, Attacks.Median(err), err.Count(e => e <= 0.05) / (double)m));
            }
            log?.Invoke($"{name}: k-NN {util["knn"]:F4}, rho {rho:F4}, LS " + string.Join(", ", attacks.Select(a => $"k={a.KnownPairs}:{a.MedianRelativeError:G3}")));
            return new TransformResult(name, util, plainUtility, rho, attacks);
        }
    }

    private static double Rms(double[] x)
    {
        double s = 0;
        foreach (var v in x) s += v * v;
        return Math.Sqrt(s / Math.Max(1, x.Length));
    }

    private static double Gauss(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static double[] Project(double[] a, int p, int d, double[] x, int n)
    {
        var y = new double[n * p];
        for (int i = 0; i < n; i++) Linear.MatVec(a, p, d, x.AsSpan(i * d, d), y.AsSpan(i * p, p));
        return y;
    }

    /// <summary>Spearman correlation of the pairwise distances among the first <paramref name="rows"/> rows, plain vs obfuscated.</summary>
    public static double Spearman(double[] plain, double[] obf, int n, int d, int dOut, int rows)
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
