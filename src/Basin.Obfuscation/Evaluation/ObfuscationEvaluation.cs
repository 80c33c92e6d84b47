using System.Diagnostics;
using Basin.Data;
using Basin.Obfuscation.Transform;
using Basin.Tensors.Sharding;
using Basin.Tensors.Statistics;

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

/// <summary>What a share of an evaluation's work items produced (<see cref="ObfuscationEvaluation.RunPart"/>).</summary>
/// <param name="Train">Training images used.</param>
/// <param name="Test">Test images used.</param>
/// <param name="Public">Size of the attacker's public sample.</param>
/// <param name="Dim">Dimension d of the plain data.</param>
/// <param name="KnownPairGrid">The k values of the attackers.</param>
/// <param name="ShownPlain">Plain rows of the images in the recovery figure.</param>
/// <param name="PlainUtility">Utility on plain data when the share holds the <c>plain</c> item, else null.</param>
/// <param name="Transforms">The share's transform results (their <see cref="TransformResult.PlainUtility"/> is filled in by <see cref="ObfuscationEvaluation.Assemble"/>).</param>
/// <param name="Samples">Recovery samples of the share's transforms.</param>
public sealed record EvaluationPart(int Train, int Test, int Public, int Dim, int[] KnownPairGrid, double[] ShownPlain,
    IReadOnlyDictionary<string, double>? PlainUtility, IReadOnlyList<TransformResult> Transforms, IReadOnlyList<RecoverySamples> Samples);

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
        var (split, pub, p) = LoadMnist(o, idxDir, log);
        return Run(split, pub, p, o, log, cancel);
    }

    /// <summary>Runs <paramref name="shard"/>'s share of the work items (<see cref="WorkItems"/>) on MNIST.</summary>
    public static EvaluationPart RunMnistPart(EvaluationOptions o, Shard shard, string? idxDir = null, Action<string>? log = null, CancellationToken cancel = default)
    {
        var (split, pub, p) = LoadMnist(o, idxDir, log);
        return RunPart(split, pub, p, o, shard, log, cancel);
    }

    /// <summary>
    /// The first <see cref="EvaluationOptions.Train"/> MNIST training images (utility training set), the first
    /// <see cref="EvaluationOptions.Test"/> test images, and the attacker's public sample (the next training images).
    /// </summary>
    public static (Split Split, double[] Public, int PublicCount) LoadMnist(EvaluationOptions o, string? idxDir = null, Action<string>? log = null)
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
        return (split, pub, p);
    }

    /// <summary>The geometry weights evaluated: those of the options, or 0, 1, 10, 100, 1000.</summary>
    public static double[] GeometryWeights(EvaluationOptions o) => o.Geometries ?? [0.0, 1.0, 10.0, 100.0, 1000.0];

    /// <summary>
    /// The independent work items of an evaluation, in report order: <c>plain</c> (utility on plain data), the Haar
    /// rotation, our transform at each geometry weight, the random projection and the additive-noise baseline. Each
    /// item's result depends only on the data and the options (keys are derived from the seed and the item's label), so
    /// any split of this list into shards gives the same per-item results.
    /// </summary>
    public static IReadOnlyList<string> WorkItems(EvaluationOptions o) =>
        ["plain", "haar_rotation", .. GeometryWeights(o).Select(w => FormattableString.Invariant($"dfsa_w{w}")), "random_projection", "additive_noise"];

    /// <summary>Runs on given data: <paramref name="plain"/> is the split, <paramref name="publicPlain"/> the attacker's unpaired sample.</summary>
    public static EvaluationReport Run(Split plain, double[] publicPlain, int publicCount, EvaluationOptions o, Action<string>? log = null, CancellationToken cancel = default)
    {
        var sw = Stopwatch.StartNew();
        var part = RunPart(plain, publicPlain, publicCount, o, Shard.Whole, log, cancel);
        return Assemble([part], sw.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Combines the parts of shards 1…N (in shard order) into the report: the header of the first, the plain utility
    /// of the part that measured it (copied into every transform), the transforms and recovery samples concatenated.
    /// </summary>
    public static EvaluationReport Assemble(IReadOnlyList<EvaluationPart> parts, double seconds)
    {
        if (parts.Count == 0) throw new ArgumentException("No parts to assemble.", nameof(parts));
        var h = parts[0];
        var plainUtility = parts.Select(p => p.PlainUtility).SingleOrDefault(u => u != null)
            ?? throw new InvalidDataException("No part holds the plain-data utility (work item 'plain').");
        var transforms = parts.SelectMany(p => p.Transforms).Select(t => t with { PlainUtility = plainUtility }).ToArray();
        return new EvaluationReport(h.Train, h.Test, h.Public, h.Dim, plainUtility, transforms, parts.SelectMany(p => p.Samples).ToArray(), h.ShownPlain, h.KnownPairGrid, seconds);
    }

    /// <summary>
    /// Runs <paramref name="shard"/>'s share of <see cref="WorkItems"/>. The additive-noise item matches the least k-NN
    /// accuracy of our transforms; when they ran in another shard it re-derives their keys and k-NN accuracies (the same
    /// computation, so the same σ).
    /// </summary>
    public static EvaluationPart RunPart(Split plain, double[] publicPlain, int publicCount, EvaluationOptions o, Shard shard, Action<string>? log = null, CancellationToken cancel = default)
    {
        int d = plain.D, n = plain.TrainCount, m = plain.TestCount;
        var uo = o.Utility ?? new UtilityOptions();
        var items = WorkItems(o);
        var (start, length) = shard.Range(items.Count);
        bool Mine(int item) => item >= start && item < start + length;
        log?.Invoke($"plain data: {n} train, {m} test, d = {d}" + (shard.IsWhole ? "" : $"; shard {shard}: {string.Join(", ", items.Skip(start).Take(length))}"));
        var grid = new[] { 0, d / 16, d / 8, d / 4, d / 2, d, 2 * d }.Where(k => k <= n).Distinct().ToArray();
        int shown = Math.Min(o.ShownImages, m);
        var shownPlain = plain.TestX.AsSpan(0, shown * d).ToArray();
        var results = new List<TransformResult>();
        var samples = new List<RecoverySamples>();
        var (center, scale) = Standardisation(plain.TrainX);
        var noPlain = new Dictionary<string, double>();
        // Keys derived from the seed, so an evaluation is reproducible (real keys come from the CSPRNG).
        byte[] Secret(string label) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"basin-obf-eval|{o.Seed}|{label}"));
        KeyedTransform Ours(double w) => new(ObfuscationKey.Generate(d, w, center, scale, o.Coupling, Secret(FormattableString.Invariant($"dfsa{w}")), cancel: cancel));

        IReadOnlyDictionary<string, double>? plainUtility = null;
        if (Mine(0)) plainUtility = Utility.Measure(plain, uo, log, cancel);

        // 1. Haar rotation: a keyed map whose coupling network is the identity (0 coupling steps, zero weights).
        if (Mine(1))
        {
            var rotKey = ObfuscationKey.Generate(d, 0, center, scale, (o.Coupling ?? new CouplingOptions()) with { TrainSteps = 0 }, Secret("rotation"));
            ZeroNetwork(rotKey);
            var rotation = new KeyedTransform(new ObfuscationKey(rotKey.Secret, d, 0, center, scale, rotKey.Network));
            Add("haar_rotation", "rotation", null, rotation.ForwardRows(plain.TrainX, n), rotation.ForwardRows(plain.TestX, m), d, rotation);
        }

        // 2. Our transform at each geometry weight.
        var geometries = GeometryWeights(o);
        var oursKnn = new Dictionary<int, double>();
        for (int gi = 0; gi < geometries.Length; gi++)
        {
            if (!Mine(2 + gi)) continue;
            cancel.ThrowIfCancellationRequested();
            double w = geometries[gi];
            log?.Invoke(FormattableString.Invariant($"training the coupling network, geometry w = {w} …"));
            var t = Ours(w);
            oursKnn[gi] = Add(FormattableString.Invariant($"dfsa_w{w}"), "dfsa", w, t.ForwardRows(plain.TrainX, n), t.ForwardRows(plain.TestX, m), d, t).Utility["knn"];
        }

        // 3. Random projection to d/4 (Johnson–Lindenstrauss; not invertible).
        if (Mine(2 + geometries.Length))
        {
            int pDim = Math.Max(1, d / 4);
            var proj = new double[pDim * d];
            var g = new KeyedStream(Secret("projection"), "projection");
            for (int i = 0; i < proj.Length; i++) proj[i] = g.NextGaussian() / Math.Sqrt(pDim);
            Add($"random_projection_{pDim}", "projection", null, Project(proj, pDim, d, plain.TrainX, n), Project(proj, pDim, d, plain.TestX, m), pDim, null);
        }

        // 4. Additive noise at matched k-NN utility: the largest σ whose k-NN accuracy still reaches our least useful setting's (less half a point, and never above plain).
        if (Mine(3 + geometries.Length))
        {
            double plainKnn = plainUtility?["knn"] ?? Utility.Knn(plain, uo.KnnK);
            for (int gi = 0; gi < geometries.Length; gi++)
                if (!oursKnn.ContainsKey(gi))
                {
                    log?.Invoke(FormattableString.Invariant($"re-deriving the k-NN accuracy of geometry w = {geometries[gi]} for the noise baseline …"));
                    var t = Ours(geometries[gi]);
                    oursKnn[gi] = Utility.Knn(new Split(t.ForwardRows(plain.TrainX, n), plain.TrainY, t.ForwardRows(plain.TestX, m), plain.TestY, d), uo.KnnK);
                }
            double target = Math.Min(oursKnn.Count > 0 ? oursKnn.Values.Min() : plainKnn, plainKnn) - 0.005;
            double sigma = MatchNoise(plain, target, uo.KnnK, o.Seed, log);
            var (ntr, nte) = (AddNoise(plain.TrainX, sigma, o.Seed + 11), AddNoise(plain.TestX, sigma, o.Seed + 12));
            Add(FormattableString.Invariant($"additive_noise_sigma{sigma:G3}"), "noise", null, ntr, nte, d, null);
        }

        return new EvaluationPart(n, m, publicCount, d, grid, shownPlain, plainUtility, results, samples);

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
                    attacks.Add(new AttackResult(a.Name, k, Summary.Median(err), err.Count(e => e <= 0.05) / (double)m));
                    rec[(a.Name, k)] = guess.AsSpan(0, shown * d).ToArray();
                }
            foreach (var a in attackers)
                log?.Invoke($"    {a.Name}: " + string.Join(", ", attacks.Where(r => r.Attacker == a.Name).Select(r => FormattableString.Invariant($"k={r.KnownPairs} {r.MedianRelativeError:G3}"))));
            log?.Invoke(FormattableString.Invariant($"    distance rank correlation {rho:F4}") + (roundTrip is double rt ? FormattableString.Invariant($", round trip max rel. error {rt:G3}") : ""));
            samples.Add(new RecoverySamples(name, ote.AsSpan(0, shown * dOut).ToArray(), dOut, rec));
            var result = new TransformResult(name, kind, w, util, noPlain, rho, roundTrip, attacks);
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
