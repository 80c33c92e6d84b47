using System.Diagnostics;
using Basin.Data;
using Basin.Obfuscation.Transform;

namespace Basin.Obfuscation.Evaluation;

/// <summary>One attacker measurement.</summary>
/// <param name="Attacker">Attacker name.</param>
/// <param name="KnownPairs">k, the number of known plaintext/obfuscated pairs.</param>
/// <param name="MedianRelativeError">Median of ‖x̂−x‖/‖x‖ over the test rows.</param>
/// <param name="RecoveredWithin5Percent">Share of test rows with relative error ≤ 0.05.</param>
public sealed record AttackResult(string Attacker, int KnownPairs, double MedianRelativeError, double RecoveredWithin5Percent);

/// <summary>Measurements for one transform.</summary>
/// <param name="Name">Transform name (<c>haar_rotation</c>, <c>dfsa_w1</c>, <c>random_projection_196</c>, <c>additive_noise_sigma0.5</c>).</param>
/// <param name="Kind">rotation, dfsa, projection or noise.</param>
/// <param name="Geometry">Geometry weight w of a DFSA transform (null otherwise).</param>
/// <param name="Utility">Model → accuracy on transformed data.</param>
/// <param name="PlainUtility">Model → accuracy on plain data.</param>
/// <param name="DistanceRankCorrelation">Spearman correlation of pairwise test distances, plain vs transformed.</param>
/// <param name="RoundTripMaxRelativeError">max ‖T⁻¹(T(x)) − x‖/‖x‖ over the test rows (null for maps without an inverse).</param>
/// <param name="Attack">Attacker results over k.</param>
public sealed record TransformResult(string Name, string Kind, double? Geometry, IReadOnlyDictionary<string, double> Utility,
    IReadOnlyDictionary<string, double> PlainUtility, double DistanceRankCorrelation, double? RoundTripMaxRelativeError, IReadOnlyList<AttackResult> Attack);

/// <summary>What each attacker recovered for a few test images (for the figure).</summary>
/// <param name="Transform">Transform name.</param>
/// <param name="Obfuscated">The obfuscated rows of the shown images (width <paramref name="Width"/>).</param>
/// <param name="Width">Width of an obfuscated row.</param>
/// <param name="Recovered">(attacker, k) → recovered plaintext rows of the shown images.</param>
public sealed record RecoverySamples(string Transform, double[] Obfuscated, int Width, IReadOnlyDictionary<(string Attacker, int K), double[]> Recovered);

/// <summary>Everything an evaluation produced.</summary>
public sealed record EvaluationReport(int Train, int Test, int Public, int Dim, IReadOnlyDictionary<string, double> PlainUtility,
    IReadOnlyList<TransformResult> Transforms, IReadOnlyList<RecoverySamples> Samples, double[] ShownPlain, int[] KnownPairGrid, double Seconds);

/// <summary>Sizes and settings of <see cref="ObfuscationEvaluation"/>.</summary>
/// <param name="Train">Obfuscated training images (the utility models' training set; the attackers' known pairs are drawn from it).</param>
/// <param name="Test">Obfuscated test images (utility test set; the attack targets).</param>
/// <param name="Public">Unpaired plain images the attacker holds (training images after the first <paramref name="Train"/>).</param>
/// <param name="Geometries">Geometry weights w of our transform.</param>
/// <param name="Coupling">Coupling-network shape and training budget.</param>
/// <param name="Utility">Downstream models.</param>
/// <param name="ShownImages">Test images drawn in the recovery figure.</param>
/// <param name="Seed">Seed of keys and baselines.</param>
public sealed record EvaluationOptions(int Train = 5000, int Test = 1000, int Public = 5000, double[]? Geometries = null,
    CouplingOptions? Coupling = null, UtilityOptions? Utility = null, int ShownImages = 3, int Seed = 1);

/// <summary>
/// The utility/privacy evaluation of issue 7 on MNIST: our keyed DFSA transform at several geometry weights against
/// a Haar-random rotation, a Gaussian random projection to d/4 and additive Gaussian noise at matched k-NN utility;
/// utility by k-NN, logistic regression, MLP and SA-nODE; privacy by four attackers (least squares, Procrustes,
/// PCA/ICA, learned MLP inverse) with k = 0 … 2d known pairs.
/// </summary>
public static class ObfuscationEvaluation
{
    /// <summary>Runs on MNIST from the data cache (or <paramref name="idxDir"/>).</summary>
    public static EvaluationReport RunMnist(EvaluationOptions o, string? idxDir = null, Action<string>? log = null, CancellationToken cancel = default)
    {
        var train = idxDir is null ? Datasets.Load(Datasets.MnistName, "train") : IdxDirectoryLoader.Load(idxDir, DataSplit.Train, "mnist", Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray());
        var test = idxDir is null ? Datasets.Load(Datasets.MnistName, "test") : IdxDirectoryLoader.Load(idxDir, DataSplit.Test, "mnist", Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray());
        int d = train.PixelsPerImage;
        int n = Math.Min(o.Train, train.Count), m = Math.Min(o.Test, test.Count), p = Math.Min(o.Public, Math.Max(0, train.Count - n));
        if (p == 0) { p = n; log?.Invoke("note: no training images left for the attacker's public sample; it reuses the obfuscated training images' plaintexts"); }
        double[] Rows(LabeledImages s, int start, int count)
        {
            var r = new double[count * d];
            for (int i = 0; i < r.Length; i++) r[i] = s.Pixels[start * d + i];
            return r;
        }
        int[] Labels(LabeledImages s, int count) => s.Labels.AsSpan(0, count).ToArray().Select(b => (int)b).ToArray();
        var split = new Split(Rows(train, 0, n), Labels(train, n), Rows(test, 0, m), Labels(test, m), d);
        var pub = p == n && train.Count - n == 0 ? split.TrainX : Rows(train, n, p);
        return Run(split, pub, p, o, log, cancel);
    }

    /// <summary>Runs on given data: <paramref name="plain"/> is the split, <paramref name="publicPlain"/> the attacker's unpaired sample.</summary>
    public static EvaluationReport Run(Split plain, double[] publicPlain, int publicCount, EvaluationOptions o, Action<string>? log = null, CancellationToken cancel = default)
    {
        var sw = Stopwatch.StartNew();
        int d = plain.D, n = plain.TrainCount, m = plain.TestCount;
        var uo = o.Utility ?? new UtilityOptions();
        log?.Invoke($"plain data: {n} train, {m} test, d = {d}");
        var plainUtility = Utility.Measure(plain, uo, log, cancel);
        var grid = new[] { 0, d / 16, d / 8, d / 4, d / 2, d, 2 * d }.Where(k => k <= n).Distinct().ToArray();
        int shown = Math.Min(o.ShownImages, m);
        var shownPlain = plain.TestX.AsSpan(0, shown * d).ToArray();
        var results = new List<TransformResult>();
        var samples = new List<RecoverySamples>();
        var (center, scale) = Standardisation(plain.TrainX);
        // Keys derived from the seed, so an evaluation is reproducible (real keys come from the CSPRNG).
        byte[] Secret(string label) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"basin-obf-eval|{o.Seed}|{label}"));

        // 1. Haar rotation: a keyed map whose coupling network is the identity (0 coupling steps, zero weights).
        var rotKey = ObfuscationKey.Generate(d, 0, center, scale, (o.Coupling ?? new CouplingOptions()) with { TrainSteps = 0 }, Secret("rotation"));
        ZeroNetwork(rotKey);
        var rotation = new KeyedTransform(new ObfuscationKey(rotKey.Secret, d, 0, center, scale, rotKey.Network));
        Add("haar_rotation", "rotation", null, rotation.ForwardRows(plain.TrainX, n), rotation.ForwardRows(plain.TestX, m), d, rotation);

        // 2. Our transform at each geometry weight.
        var ours = new List<TransformResult>();
        foreach (var w in o.Geometries ?? [0.0, 1.0, 10.0, 100.0, 1000.0])
        {
            cancel.ThrowIfCancellationRequested();
            log?.Invoke(FormattableString.Invariant($"training the coupling network, geometry w = {w} …"));
            var key = ObfuscationKey.Generate(d, w, center, scale, o.Coupling, Secret(FormattableString.Invariant($"dfsa{w}")), cancel: cancel);
            var t = new KeyedTransform(key);
            ours.Add(Add(FormattableString.Invariant($"dfsa_w{w}"), "dfsa", w, t.ForwardRows(plain.TrainX, n), t.ForwardRows(plain.TestX, m), d, t));
        }

        // 3. Random projection to d/4 (Johnson–Lindenstrauss; not invertible).
        int pDim = Math.Max(1, d / 4);
        var proj = new double[pDim * d];
        var g = new KeyedStream(Secret("projection"), "projection");
        for (int i = 0; i < proj.Length; i++) proj[i] = g.NextGaussian() / Math.Sqrt(pDim);
        Add($"random_projection_{pDim}", "projection", null, Project(proj, pDim, d, plain.TrainX, n), Project(proj, pDim, d, plain.TestX, m), pDim, null);

        // 4. Additive noise at matched k-NN utility: the largest σ whose k-NN accuracy still reaches our least useful setting's (less half a point, and never above plain).
        double target = Math.Min(ours.Count > 0 ? ours.Min(r => r.Utility["knn"]) : plainUtility["knn"], plainUtility["knn"]) - 0.005;
        double sigma = MatchNoise(plain, target, uo.KnnK, o.Seed, log);
        var (ntr, nte) = (AddNoise(plain.TrainX, sigma, o.Seed + 11), AddNoise(plain.TestX, sigma, o.Seed + 12));
        Add(FormattableString.Invariant($"additive_noise_sigma{sigma:G3}"), "noise", null, ntr, nte, d, null);

        return new EvaluationReport(n, m, publicCount, d, plainUtility, results, samples, shownPlain, grid, sw.Elapsed.TotalSeconds);

        TransformResult Add(string name, string kind, double? w, double[] otr, double[] ote, int dOut, KeyedTransform? t)
        {
            log?.Invoke($"{name}:");
            var split = new Split(otr, plain.TrainY, ote, plain.TestY, dOut);
            var util = Utility.Measure(split, uo, log, cancel);
            double rho = Utility.DistanceRankCorrelation(plain.TestX, d, ote, dOut, Math.Min(m, 200));
            double? roundTrip = null;
            if (t != null)
            {
                var back = t.InverseRows(ote, m);
                roundTrip = RecoveryError.Relative(plain.TestX, back, m, d).Max();
            }
            var observed = new double[(n + m) * dOut];
            otr.CopyTo(observed, 0); ote.CopyTo(observed, n * dOut);
            var data = new AttackData(plain.TrainX, otr, 0, publicPlain, publicCount, observed, n + m, dOut, d);
            var attackers = new IAttacker[] { new LeastSquaresAttacker(), new ProcrustesAttacker(), new PcaIcaAttacker(), new LearnedInverseAttacker(seed: (ulong)o.Seed) };
            var attacks = new List<AttackResult>();
            var rec = new Dictionary<(string, int), double[]>();
            foreach (var a in attackers)
                foreach (int k in grid)
                {
                    cancel.ThrowIfCancellationRequested();
                    var guess = a.Recover(data.WithKnownPairs(k), ote, m);
                    var err = RecoveryError.Relative(plain.TestX, guess, m, d);
                    attacks.Add(new AttackResult(a.Name, k, RecoveryError.Median(err), err.Count(e => e <= 0.05) / (double)m));
                    rec[(a.Name, k)] = guess.AsSpan(0, shown * d).ToArray();
                }
            foreach (var a in attackers)
                log?.Invoke($"    {a.Name}: " + string.Join(", ", attacks.Where(r => r.Attacker == a.Name).Select(r => FormattableString.Invariant($"k={r.KnownPairs} {r.MedianRelativeError:G3}"))));
            log?.Invoke(FormattableString.Invariant($"    distance rank correlation {rho:F4}") + (roundTrip is double rt ? FormattableString.Invariant($", round trip max rel. error {rt:G3}") : ""));
            samples.Add(new RecoverySamples(name, ote.AsSpan(0, shown * dOut).ToArray(), dOut, rec));
            var result = new TransformResult(name, kind, w, util, plainUtility, rho, roundTrip, attacks);
            results.Add(result);
            return result;
        }
    }

    /// <summary>Centre (mean of all values) and scale (RMS of each row's deviation per coordinate) of a data matrix.</summary>
    public static (double Center, double Scale) Standardisation(double[] x)
    {
        double mean = x.Length == 0 ? 0 : x.Average();
        double s = 0;
        foreach (var v in x) s += (v - mean) * (v - mean);
        return (mean, Math.Max(Math.Sqrt(s / Math.Max(1, x.Length)), 1e-12));
    }

    private static void ZeroNetwork(ObfuscationKey key)
    {
        foreach (var (_, p) in key.Network.NamedParameters()) p.Value.Fill(0);
    }

    private static double MatchNoise(Split plain, double target, int k, int seed, Action<string>? log)
    {
        double Acc(double sigma) => Utility.Knn(new Split(AddNoise(plain.TrainX, sigma, seed + 11), plain.TrainY, AddNoise(plain.TestX, sigma, seed + 12), plain.TestY, plain.D), k);
        double lo = 0, hi = 0.25;
        while (hi < 8 && Acc(hi) >= target) { lo = hi; hi *= 2; }
        for (int it = 0; it < 7; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (Acc(mid) >= target) lo = mid; else hi = mid;
        }
        log?.Invoke(FormattableString.Invariant($"noise baseline: σ = {lo:G3} keeps k-NN ≥ {target:F4}"));
        return lo;
    }

    private static double[] AddNoise(double[] x, double sigma, int seed)
    {
        var r = new double[x.Length];
        var rng = new Basin.Tensors.Rng((ulong)seed);
        for (int i = 0; i < x.Length; i++) r[i] = x[i] + sigma * rng.NextNormal();
        return r;
    }

    private static double[] Project(double[] a, int p, int d, double[] x, int n)
    {
        var y = new double[n * p];
        Basin.Tensors.Blas.Blas.Gemm(false, true, n, p, d, 1.0, x, d, a, d, 0.0, y, p);
        return y;
    }
}
