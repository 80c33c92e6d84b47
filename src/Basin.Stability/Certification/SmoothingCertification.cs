using System.Text.Json.Serialization;
using Basin.Data;
using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Certification;

/// <summary>What <see cref="SmoothingCertification.Run"/> certifies and how.</summary>
/// <param name="Sigma">σ of the Gaussian noise 𝒩(0, σ²I).</param>
/// <param name="N0">Selection draws (the guess ĉ_A).</param>
/// <param name="N">Estimation draws (the bound on p_A).</param>
/// <param name="Alpha">Failure probability α of each certificate.</param>
/// <param name="BatchSize">Noisy copies per call of the base classifier.</param>
/// <param name="Seed">Seed: image i draws its noise from <c>new Rng(Seed).Fork(i)</c>, so its certificate depends on neither the count nor the batch size.</param>
/// <param name="Count">Certify the first this-many images.</param>
/// <param name="Radii">L2 radii of the certified-accuracy curve (non-negative, ascending); null: 0, 0.25, 0.5, 0.75, 1, 1.5, 2.</param>
public sealed record CertificationOptions(double Sigma, int N0 = 100, int N = 100_000, double Alpha = 0.001, int BatchSize = 1000,
    ulong Seed = 1, int Count = 500, double[]? Radii = null)
{
    /// <summary>The radii of the issue's table.</summary>
    public static double[] DefaultRadii { get; } = [0, 0.25, 0.5, 0.75, 1, 1.5, 2];

    /// <summary>The radii in effect.</summary>
    public double[] RadiiOrDefault => Radii ?? DefaultRadii;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting; returns this.</summary>
    public CertificationOptions Validate()
    {
        if (!(Sigma > 0 && double.IsFinite(Sigma))) throw new ArgumentException($"σ must be positive and finite, got {Sigma}.");
        if (N0 < 1 || N < 1) throw new ArgumentException($"n0 and n must be ≥ 1 (n0 = {N0}, n = {N}).");
        if (!(Alpha > 0 && Alpha < 1)) throw new ArgumentException($"α must lie in (0, 1), got {Alpha}.");
        if (BatchSize < 1 || Count < 1) throw new ArgumentException($"The batch size and the count must be ≥ 1 (batch {BatchSize}, count {Count}).");
        var r = RadiiOrDefault;
        if (r.Length == 0 || r.Any(v => !(v >= 0) || !double.IsFinite(v)) || r.Zip(r.Skip(1)).Any(z => z.First >= z.Second))
            throw new ArgumentException($"Radii must be finite, non-negative and ascending ({string.Join(", ", r)}).");
        return this;
    }
}

/// <summary>One image's certificate.</summary>
/// <param name="Index">Position in the dataset.</param>
/// <param name="Label">The true class.</param>
/// <param name="Predicted">The certified class, or −1 when CERTIFY abstained.</param>
/// <param name="CleanPrediction">The base classifier's prediction on the clean image.</param>
/// <param name="CountA">Estimation draws in the guessed class.</param>
/// <param name="PALower">Clopper–Pearson lower bound on p_A.</param>
/// <param name="Radius">Certified L2 radius (0 when abstaining).</param>
/// <param name="Abstained">Whether CERTIFY abstained.</param>
/// <param name="Correct">Certified and equal to the label.</param>
public sealed record CertifiedImage(int Index, int Label, int Predicted, int CleanPrediction, int CountA, double PALower, double Radius,
    bool Abstained, bool Correct);

/// <summary>One point of the certified-accuracy curve.</summary>
/// <param name="Radius">The L2 radius r.</param>
/// <param name="Accuracy">Share of the images certified correct with radius R ≥ r.</param>
public sealed record CertifiedAccuracy(double Radius, double Accuracy);

/// <summary>The outcome of certifying a dataset prefix.</summary>
/// <param name="Model">The base classifier's name.</param>
/// <param name="Horizon">The SA-nODE integration horizon T, for SA-nODE models.</param>
/// <param name="Sigma">σ.</param>
/// <param name="N0">Selection draws.</param>
/// <param name="N">Estimation draws.</param>
/// <param name="Alpha">α.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Count">Images certified.</param>
/// <param name="CleanAccuracy">The base classifier's accuracy on the clean images.</param>
/// <param name="AbstainRate">Share of images where CERTIFY abstained.</param>
/// <param name="CertifiedAccuracy">Certified accuracy at each radius (Cohen et al. 2019, "approximate certified test accuracy").</param>
/// <param name="MedianRadius">Median certified radius over the correctly certified images (0 when there are none).</param>
/// <param name="Images">Every image's certificate (written to the CSV report, not to the JSON).</param>
public sealed record CertificationResult(string Model, double? Horizon, double Sigma, int N0, int N, double Alpha, ulong Seed, int Count,
    double CleanAccuracy, double AbstainRate, CertifiedAccuracy[] CertifiedAccuracy, double MedianRadius,
    [property: JsonIgnore] IReadOnlyList<CertifiedImage> Images);

/// <summary>
/// Randomized-smoothing certification of the first N images of a dataset (Cohen, Rosenfeld &amp; Kolter 2019, §4: CERTIFY
/// on each test image; the certified accuracy at radius r is the share of images certified correct with R ≥ r).
/// </summary>
public static class SmoothingCertification
{
    /// <summary>Certifies the first <see cref="CertificationOptions.Count"/> images of <paramref name="data"/>; reports images done.</summary>
    public static CertificationResult Run(IClassifier c, LabeledImages data, CertificationOptions o, IProgress<int>? progress = null,
        CancellationToken cancel = default)
    {
        o.Validate();
        if (data.PixelsPerImage != c.Dimension) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the classifier expects {c.Dimension}.");
        int n = Math.Min(o.Count, data.Count);
        var g = new SmoothedClassifier(c, o.Sigma, o.BatchSize);
        var root = new Rng(o.Seed);
        var images = new List<CertifiedImage>(n);
        foreach (var batch in ImageBatch.Split(data, 0, n, 256))
        {
            var clean = Classifier.Predict(c, batch.Pixels, batch.Count);
            for (int i = 0; i < batch.Count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                int index = batch.Start + i;
                var cert = g.Certify(batch.Pixels.AsSpan(i * c.Dimension, c.Dimension), o.N0, o.N, o.Alpha, root.Fork((ulong)index));
                images.Add(new CertifiedImage(index, batch.Labels[i], cert.Predicted, clean[i], cert.CountA, cert.PALower, cert.Radius,
                    cert.Abstained, !cert.Abstained && cert.Predicted == batch.Labels[i]));
                progress?.Report(index + 1);
            }
        }
        return Summarize(c, o, images);
    }

    /// <summary>The aggregate of per-image certificates: clean accuracy, abstain rate, certified accuracy at each radius, median radius.</summary>
    public static CertificationResult Summarize(IClassifier c, CertificationOptions o, IReadOnlyList<CertifiedImage> images)
    {
        int n = images.Count;
        if (n == 0) throw new ArgumentException("No images to summarize.");
        var curve = o.RadiiOrDefault.Select(r => new CertifiedAccuracy(r, (double)images.Count(m => m.Correct && m.Radius >= r) / n)).ToArray();
        var radii = images.Where(m => m.Correct).Select(m => m.Radius).ToList();
        return new CertificationResult(c.Name, c is SaNodeClassifier s ? s.Horizon : null, o.Sigma, o.N0, o.N, o.Alpha, o.Seed, n,
            (double)images.Count(m => m.CleanPrediction == m.Label) / n, (double)images.Count(m => m.Abstained) / n, curve,
            radii.Count == 0 ? 0 : Basin.Tensors.Statistics.Summary.Median(radii), images);
    }
}
