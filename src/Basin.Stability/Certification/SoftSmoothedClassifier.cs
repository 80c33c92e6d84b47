using Basin.Stability.Classifiers;
using Basin.Tensors;

namespace Basin.Stability.Certification;

/// <summary>
/// The soft smoothed classifier of Salman et al. ("Provably Robust Deep Learning via Adversarially Trained Smoothed
/// Classifiers", NeurIPS 2019, §3): G(x)_c = E_ε[softmax(f(x + ε))_c], ε ~ 𝒩(0, σ²I), estimated with m draws, as an
/// <see cref="IClassifier"/> so that every attack of the catalogue can attack the smoothed model (their SmoothAdv attack is
/// PGD on log G). Scores are log G(x)_c (argmax = the soft-smoothed prediction); gradients are exact for the estimate:
/// ∂ log G_c/∂x = (1/(m G_c)) Σ_j Σ_l p_jc(δ_cl − p_jl) ∇ₓ z_jl(x + ε_j), with p_j = softmax(z_j) of the base scores.
/// The m draws are fixed at construction (common random numbers), so G is a deterministic, differentiable function of x
/// and an attack sees one consistent model; the hard smoothed classifier of <see cref="SmoothedClassifier"/> is the one
/// certified, and an attack on G is judged there with PREDICT.
/// </summary>
public sealed class SoftSmoothedClassifier : IClassifier
{
    private readonly double[] _noise;
    private readonly int _chunk;

    /// <summary>Wraps <paramref name="baseClassifier"/>; <paramref name="samples"/> fixed draws from <paramref name="seed"/>; at most <paramref name="batchSize"/> noisy rows per base call.</summary>
    public SoftSmoothedClassifier(IClassifier baseClassifier, double sigma, int samples = 64, ulong seed = 1, int batchSize = 1000)
    {
        if (!(sigma > 0 && double.IsFinite(sigma)) || samples < 1 || batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(sigma), $"Need σ > 0, samples ≥ 1 and a batch size ≥ 1 (σ = {sigma}, {samples}, {batchSize}).");
        Base = baseClassifier;
        Sigma = sigma;
        Samples = samples;
        _noise = new double[samples * baseClassifier.Dimension];
        new Rng(seed).FillNormal<double>(_noise, 0, sigma);
        _chunk = Math.Max(1, batchSize / samples);
    }

    /// <summary>The base classifier f.</summary>
    public IClassifier Base { get; }

    /// <summary>σ.</summary>
    public double Sigma { get; }

    /// <summary>m, the fixed draws.</summary>
    public int Samples { get; }

    /// <inheritdoc />
    public string Name => $"soft-smoothed (σ = {Sigma}, m = {Samples}) {Base.Name}";

    /// <inheritdoc />
    public int Dimension => Base.Dimension;

    /// <inheritdoc />
    public int Classes => Base.Classes;

    /// <inheritdoc />
    public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores) => Run(x, batch, default, default, scores, false);

    /// <inheritdoc />
    public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores) =>
        Run(x, batch, gradScores, gradX, scores, true);

    private void Run(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores, bool gradient)
    {
        int d = Dimension, k = Classes, m = Samples;
        for (int start = 0; start < batch; start += _chunk)
        {
            int b = Math.Min(_chunk, batch - start), rows = b * m;
            var noisy = new double[rows * d];
            for (int r = 0; r < b; r++)
                for (int j = 0; j < m; j++)
                {
                    var row = noisy.AsSpan((r * m + j) * d, d);
                    var xr = x.Slice((start + r) * d, d);
                    var e = _noise.AsSpan(j * d, d);
                    for (int i = 0; i < d; i++) row[i] = xr[i] + e[i];
                }
            var z = new double[rows * k];
            Base.Scores(noisy, rows, z);
            var p = new double[z.Length];
            Classifier.Softmax(z, k, p);
            for (int r = 0; r < b; r++)
            {
                var s = scores.Slice((start + r) * k, k);
                for (int c = 0; c < k; c++)
                {
                    double g = 0;
                    for (int j = 0; j < m; j++) g += p[(r * m + j) * k + c];
                    s[c] = Math.Log(Math.Max(g / m, 1e-300));
                }
            }
            if (!gradient) continue;
            // Seed of each noisy row: ∂L/∂z_jl = p_jl (u_l − Σ_c u_c p_jc), u_c = (∂L/∂ log G_c)/(m G_c).
            var seed = new double[rows * k];
            for (int r = 0; r < b; r++)
            {
                var u = new double[k];
                for (int c = 0; c < k; c++) u[c] = gradScores[(start + r) * k + c] / (m * Math.Exp(scores[(start + r) * k + c]));
                for (int j = 0; j < m; j++)
                {
                    int o = (r * m + j) * k;
                    double dot = 0;
                    for (int c = 0; c < k; c++) dot += u[c] * p[o + c];
                    for (int l = 0; l < k; l++) seed[o + l] = p[o + l] * (u[l] - dot);
                }
            }
            var gx = new double[rows * d];
            Base.InputGradient(noisy, rows, seed, gx, z);
            for (int r = 0; r < b; r++)
            {
                var g = gradX.Slice((start + r) * d, d);
                g.Clear();
                for (int j = 0; j < m; j++)
                {
                    var gj = gx.AsSpan((r * m + j) * d, d);
                    for (int i = 0; i < d; i++) g[i] += gj[i];
                }
            }
        }
    }
}
