using Basin.Dfsa.Estimation;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Terms;

namespace Basin.Dfsa.Measurement;

/// <summary>Settings of <see cref="DfsaMeasurer.Measure"/>.</summary>
public sealed record MeasureOptions
{
    /// <summary>Independent batches (the confidence intervals are over batches).</summary>
    public int Batches { get; init; } = 10;

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Seed of the fresh samples (independent of any training seed by default).</summary>
    public ulong Seed { get; init; } = 0x5EED_0F_DF5A;

    /// <summary>Estimator settings (the same defaults as training).</summary>
    public EstimatorOptions Estimator { get; init; } = new();
}

/// <summary>
/// Everything <c>basin dfsa measure</c> reports: every catalogue term, plus the avalanche figure and strict avalanche
/// criterion for bit inputs, a Lipschitz estimate and the distance correlation, each over fresh samples.
/// </summary>
/// <param name="Metrics">Catalogue term → estimate.</param>
/// <param name="Skipped">Terms that do not apply to this network (e.g. volume with m &lt; n) → reason.</param>
/// <param name="Avalanche">Share of output signs that flip when one input bit flips (ideal 0.5); bit inputs only.</param>
/// <param name="SacDeviation">Mean over (input bit, output) of |P(flip) − ½| (strict avalanche criterion; ideal 0); bit inputs only.</param>
/// <param name="Lipschitz">E_x max over candidates ‖f(x) − f(y)‖/‖x − y‖ (a lower bound of the local Lipschitz constant).</param>
/// <param name="LipschitzMax">The largest ratio seen over all samples.</param>
/// <param name="DistanceCorrelation">Pearson correlation of ‖x₁ − x₂‖ and ‖f(x₁) − f(x₂)‖ over independent pairs.</param>
/// <param name="Samples">Samples drawn per quantity.</param>
/// <param name="SacMaxDeviation">max over (input bit, output) of |P(flip) − ½|; bit inputs only.</param>
/// <param name="SacBound">The maximum deviation a function with every P(flip) = ½ exceeds with probability 10⁻³ at this sample
/// count: z·½/√N, z = Φ⁻¹(1 − 10⁻³/(2nm)) (Bonferroni over the n·m cells, normal approximation of Binomial(N, ½)/N); SAC
/// passes when <paramref name="SacMaxDeviation"/> ≤ this bound.</param>
public sealed record MeasureReport(
    IReadOnlyDictionary<string, Estimate> Metrics,
    IReadOnlyDictionary<string, string> Skipped,
    Estimate? Avalanche,
    Estimate? SacDeviation,
    Estimate Lipschitz,
    double LipschitzMax,
    Estimate DistanceCorrelation,
    int Samples,
    double? SacMaxDeviation = null,
    double? SacBound = null)
{
    /// <summary>The strict avalanche criterion at this sample count (null without bit inputs).</summary>
    public bool? SacPassed => SacMaxDeviation is double d && SacBound is double b ? d <= b : null;
}

/// <summary>Evaluates a trained network on fresh samples from p(x), in float64.</summary>
public static class DfsaMeasurer
{
    /// <summary>Measures <paramref name="network"/> under <paramref name="input"/>.</summary>
    public static MeasureReport Measure(DfsaNetwork<double> network, InputDistribution input, MeasureOptions options)
    {
        if (options.Batches < 2 || options.BatchSize < 4) throw new ArgumentException("Measurement needs at least 2 batches of at least 4 samples.");
        options.Estimator.Validate();
        var rng = new Rng(options.Seed);
        var values = TermCatalogue.All.ToDictionary(t => t.Name, _ => new List<double>());
        var skipped = new Dictionary<string, string>();
        var aval = new List<double>();
        var lip = new List<double>();
        var dcorr = new List<double>();
        double lipMax = 0;
        int n = network.InputDim, m = network.OutputDim;
        var sacFlips = new double[n * m];
        long sacCount = 0;
        var tape = new Tape<double>();
        using var _ = Autograd.NoGrad();
        for (int batch = 0; batch < options.Batches; batch++)
        {
            var x = input.Sample<double>(rng, options.BatchSize, n);
            tape.Reset();
            var ctx = new TermContext<double>(network, input, x, tape, rng, options.Estimator);
            foreach (var term in TermCatalogue.All)
            {
                if (skipped.ContainsKey(term.Name)) continue;
                try
                {
                    values[term.Name].Add(term.Evaluate(ctx).Item());
                }
                catch (ArgumentException e)
                {
                    skipped[term.Name] = e.Message;
                }
            }
            var fx = ctx.Output.Value;
            var (l, lmax) = LipschitzSample(network, input, rng, x, fx, options.Estimator);
            lip.Add(l);
            lipMax = Math.Max(lipMax, lmax);
            dcorr.Add(DistanceCorrelation(x, fx));
            if (input.IsBits)
            {
                aval.Add(AvalancheSample(network, x, fx, sacFlips));
                sacCount += x.Dim(0);
            }
        }
        var metrics = values.Where(kv => !skipped.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => Estimate.From(kv.Value));
        Estimate? avalanche = null, sac = null;
        double? sacMax = null, sacBound = null;
        if (input.IsBits)
        {
            avalanche = Estimate.From(aval);
            var dev = sacFlips.Select(c => Math.Abs(c / sacCount - 0.5)).ToArray();
            double mean = dev.Average();
            // Binomial sampling noise of each P(flip) is ≈ ½/√count; reported as the interval half-width.
            double noise = 0.5 / Math.Sqrt(sacCount);
            sac = new Estimate(mean, noise, Math.Max(0, mean - 1.96 * noise), mean + 1.96 * noise, (int)sacCount);
            sacMax = dev.Max();
            sacBound = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - 1e-3 / (2.0 * n * m)) * noise;
        }
        return new MeasureReport(metrics, skipped, avalanche, sac, Estimate.From(lip), lipMax, Estimate.From(dcorr), options.Batches * options.BatchSize, sacMax, sacBound);
    }

    /// <summary>Share of output signs that flip over all single-bit flips of each row; accumulates per-(bit, output) counts.</summary>
    public static double AvalancheSample(DfsaNetwork<double> network, Tensor<double> x, Tensor<double> fx, double[]? sacFlips = null)
    {
        int b = x.Dim(0), n = x.Dim(1), m = fx.Dim(1);
        var stacked = new Tensor<double>(n * b, n);
        for (int i = 0; i < n; i++)
            for (int r = 0; r < b; r++)
            {
                var row = stacked.Row(i * b + r);
                x.Row(r).CopyTo(row);
                row[i] = -row[i];
            }
        var fy = network.Evaluate(stacked);
        long flips = 0;
        for (int i = 0; i < n; i++)
            for (int r = 0; r < b; r++)
            {
                var a = fx.Row(r);
                var c = fy.Row(i * b + r);
                for (int o = 0; o < m; o++)
                    if ((a[o] >= 0) != (c[o] >= 0))
                    {
                        flips++;
                        if (sacFlips != null) sacFlips[i * m + o]++;
                    }
            }
        return (double)flips / ((long)n * b * m);
    }

    private static (double Mean, double Max) LipschitzSample(DfsaNetwork<double> network, InputDistribution input, Rng rng, Tensor<double> x, Tensor<double> fx, EstimatorOptions est)
    {
        int b = x.Dim(0), c = est.LipschitzCandidates;
        var best = new double[b];
        for (int k = 0; k < c; k++)
        {
            double size = est.PerturbationSize * Math.Pow(10, c == 1 ? 0 : -1 + 2.0 * k / (c - 1));
            var y = input.Perturb(rng, x, size, k + 1);
            var fy = network.Evaluate(y);
            for (int r = 0; r < b; r++)
            {
                double dx = Distance(x.Row(r), y.Row(r)), df = Distance(fx.Row(r), fy.Row(r));
                if (dx > 0) best[r] = Math.Max(best[r], df / dx);
            }
        }
        return (best.Average(), best.Max());
    }

    /// <summary>Pearson correlation between input and output distances over the pairs (row r, row r + B/2).</summary>
    public static double DistanceCorrelation(Tensor<double> x, Tensor<double> fx)
    {
        int half = x.Dim(0) / 2;
        var dx = new double[half];
        var df = new double[half];
        for (int r = 0; r < half; r++)
        {
            dx[r] = Distance(x.Row(r), x.Row(r + half));
            df[r] = Distance(fx.Row(r), fx.Row(r + half));
        }
        return Pearson(dx, df);
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }
}
