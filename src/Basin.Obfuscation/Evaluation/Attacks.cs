using Basin.Autodiff;
using Basin.Obfuscation.Transform;
using Basin.Tensors;
using Basin.Tensors.Blas;
using Basin.Tensors.LinearAlgebra;

namespace Basin.Obfuscation.Evaluation;

/// <summary>
/// What an attacker holds: k known (plaintext, obfuscated) pairs, an unpaired public sample of plaintexts from the same
/// distribution (e.g. other MNIST images), and the obfuscated records themselves. Matrices are row-major; obfuscated
/// rows have width <see cref="DIn"/> (d for invertible maps, p for a projection), plaintexts width <see cref="D"/>.
/// </summary>
public sealed record AttackData(double[] KnownPlain, double[] KnownObf, int K, double[] PublicPlain, int PublicCount,
    double[] ObservedObf, int ObservedCount, int DIn, int D)
{
    /// <summary>Mean of the public plaintexts: the attacker's best guess with nothing else (k = 0).</summary>
    public double[] PlainMean { get; } = ColumnMean(PublicPlain, PublicCount, D);

    /// <summary>Mean of the observed obfuscated records.</summary>
    public double[] ObfMean { get; } = ColumnMean(ObservedObf, ObservedCount, DIn);

    /// <summary>The first <paramref name="k"/> pairs only.</summary>
    public AttackData WithKnownPairs(int k) => this with { K = Math.Min(k, KnownPairsAvailable) };

    /// <summary>How many pairs the arrays hold.</summary>
    public int KnownPairsAvailable => KnownPlain.Length / D;

    internal static double[] ColumnMean(double[] x, int n, int d)
    {
        var m = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) m[j] += x[i * d + j];
        for (int j = 0; j < d; j++) m[j] /= Math.Max(n, 1);
        return m;
    }

    internal double[] Prior(int m)
    {
        var r = new double[m * D];
        for (int i = 0; i < m; i++) PlainMean.CopyTo(r, i * D);
        return r;
    }
}

/// <summary>An attacker that maps obfuscated records back to plaintext estimates.</summary>
public interface IAttacker
{
    /// <summary>Short name used in JSON (<c>least_squares</c>, <c>procrustes</c>, <c>pca_ica</c>, <c>learned_inverse</c>).</summary>
    string Name { get; }

    /// <summary>Estimates the plaintexts of the m obfuscated rows <paramref name="targets"/>.</summary>
    double[] Recover(AttackData data, double[] targets, int m);
}

/// <summary>
/// Least squares: the affine map x ≈ [y, 1]·B fitted to the k pairs with a ridge λ·tr(G)/p chosen, like a careful
/// attacker would, by hold-out error (10 % of the pairs, λ ∈ {10⁻⁸, 10⁻⁶, 10⁻⁴, 10⁻², 1}) and then refitted on all k
/// pairs. Recovers any affine obfuscation from about d + 1 pairs (exactly as k grows) — the Mazur–Ulam trap for
/// isometries. Without the ridge search the fit blows up near k = d (the interpolation threshold).
/// </summary>
public sealed class LeastSquaresAttacker(double? ridge = null) : IAttacker
{
    /// <summary>The ridge grid searched when no fixed ridge is given.</summary>
    public static readonly double[] RidgeGrid = [1e-8, 1e-6, 1e-4, 1e-2, 1];

    /// <inheritdoc/>
    public string Name => "least_squares";

    /// <inheritdoc/>
    public double[] Recover(AttackData a, double[] targets, int m)
    {
        if (a.K == 0) return a.Prior(m);
        var coef = Fit(a, ridge ?? ChooseRidge(a));
        return Predict(coef, a.DIn, a.D, targets, m);
    }

    /// <summary>The ridge with the lowest hold-out error on the last 10 % of the pairs (10⁻⁸ when k &lt; 20).</summary>
    public static double ChooseRidge(AttackData a)
    {
        if (a.K < 20) return RidgeGrid[0];
        int hold = Math.Max(2, a.K / 10), fit = a.K - hold;
        var fitData = a with { K = fit };
        var heldObf = a.KnownObf.AsSpan(fit * a.DIn, hold * a.DIn).ToArray();
        double best = double.PositiveInfinity, bestRidge = RidgeGrid[0];
        foreach (var r in RidgeGrid)
        {
            var pred = Predict(Fit(fitData, r), a.DIn, a.D, heldObf, hold);
            double err = 0;
            for (int i = 0; i < pred.Length; i++) { double u = pred[i] - a.KnownPlain[fit * a.D + i]; err += u * u; }
            if (err < best) { best = err; bestRidge = r; }
        }
        return bestRidge;
    }

    /// <summary>The (DIn+1)×D coefficient matrix (last row = intercept) of the ridge fit.</summary>
    public static double[] Fit(AttackData a, double ridge)
    {
        int p = a.DIn + 1, k = a.K, d = a.D;
        var design = new double[k * p];
        for (int s = 0; s < k; s++)
        {
            a.KnownObf.AsSpan(s * a.DIn, a.DIn).CopyTo(design.AsSpan(s * p));
            design[s * p + a.DIn] = 1;
        }
        var g = new double[p * p];
        Blas.Gemm(true, false, p, p, k, 1.0, design, p, design, p, 0.0, g, p);
        var r = new double[p * d];
        Blas.Gemm(true, false, p, d, k, 1.0, design, p, a.KnownPlain, d, 0.0, r, d);
        double tr = 0;
        for (int i = 0; i < p; i++) tr += g[i * p + i];
        for (int i = 0; i < p; i++) g[i * p + i] += ridge * Math.Max(tr / p, 1e-300);
        return Linear.Solve(g, r, p, d) ?? new double[p * d];
    }

    /// <summary>x̂ = [y, 1]·B.</summary>
    public static double[] Predict(double[] coef, int dIn, int d, double[] targets, int m)
    {
        var outp = new double[m * d];
        Blas.Gemm(false, false, m, d, dIn, 1.0, targets, dIn, coef, d, 0.0, outp, d);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < d; j++) outp[i * d + j] += coef[dIn * d + j];
        return outp;
    }
}

/// <summary>
/// Orthogonal Procrustes (Schönemann 1966): with both sides of the k pairs centred on their own means (which an affine
/// map sends onto each other), R = U Vᵀ from the SVD U Σ Vᵀ of Ỹᵀ X̃ over the k pairs is the (semi-)orthogonal map closest to
/// them; x̂ = x̄ + (y − ȳ) R. An isometric obfuscation is recovered from about d pairs, and the top principal
/// directions from far fewer.
/// </summary>
public sealed class ProcrustesAttacker : IAttacker
{
    /// <inheritdoc/>
    public string Name => "procrustes";

    /// <inheritdoc/>
    public double[] Recover(AttackData a, double[] targets, int m)
    {
        if (a.K == 0) return a.Prior(m);
        int k = a.K, dIn = a.DIn, d = a.D;
        // Centres: the pairs' own means correspond exactly under any affine map; with a single pair use the population means.
        var muY = k >= 2 ? AttackData.ColumnMean(a.KnownObf, k, dIn) : a.ObfMean;
        var muX = k >= 2 ? AttackData.ColumnMean(a.KnownPlain, k, d) : a.PlainMean;
        var yc = new double[k * dIn]; var xc = new double[k * d];
        for (int s = 0; s < k; s++)
        {
            for (int j = 0; j < dIn; j++) yc[s * dIn + j] = a.KnownObf[s * dIn + j] - muY[j];
            for (int j = 0; j < d; j++) xc[s * d + j] = a.KnownPlain[s * d + j] - muX[j];
        }
        var mt = new double[dIn * d];
        Blas.Gemm(true, false, dIn, d, k, 1.0, yc, dIn, xc, d, 0.0, mt, d);
        var svd = Svd.Decompose(new Tensor<double>(mt, dIn, d));
        int r = Math.Min(dIn, d);
        var u = svd.U!.Contiguous().ToArray();   // dIn × r
        var vt = svd.Vt!.Contiguous().ToArray(); // r × d
        var rot = new double[dIn * d];
        Blas.Gemm(false, false, dIn, d, r, 1.0, u, r, vt, d, 0.0, rot, d);
        var tc = new double[m * dIn];
        for (int i = 0; i < m; i++) for (int j = 0; j < dIn; j++) tc[i * dIn + j] = targets[i * dIn + j] - muY[j];
        var outp = new double[m * d];
        Blas.Gemm(false, false, m, d, dIn, 1.0, tc, dIn, rot, d, 0.0, outp, d);
        for (int i = 0; i < m; i++) for (int j = 0; j < d; j++) outp[i * d + j] += muX[j];
        return outp;
    }
}

/// <summary>
/// The PCA/ICA attack on distance-preserving perturbations (Liu, Giannella &amp; Kargupta, ICDM 2006): a rotation
/// maps the covariance's eigenvectors onto each other, so with the public plaintext sample's principal directions
/// vₓ,ⱼ and the observed records' v_y,ⱼ (paired by rank of eigenvalue) x̂ = μₓ + Σⱼ sⱼ ⟨y − μ_y, v_y,ⱼ⟩ vₓ,ⱼ over the
/// top <see cref="Components"/> directions. The signs sⱼ are fixed without any pair by matching the third moment
/// (skewness) of the projections, the ICA-style step, and by the k known pairs when there are some. Needs no pair
/// at all; limited by eigenvalue gaps and sampling error.
/// </summary>
public sealed class PcaIcaAttacker(int components = 100) : IAttacker
{
    private (double[] Vx, double[] Vy, double[] SkewX, double[] SkewY, int R)? _cache;
    private AttackData? _cachedFor;

    /// <summary>Number of principal directions used.</summary>
    public int Components { get; } = components;

    /// <inheritdoc/>
    public string Name => "pca_ica";

    /// <inheritdoc/>
    public double[] Recover(AttackData a, double[] targets, int m)
    {
        if (_cache is null || _cachedFor is null || !ReferenceEquals(_cachedFor.ObservedObf, a.ObservedObf) || !ReferenceEquals(_cachedFor.PublicPlain, a.PublicPlain))
        {
            _cache = Prepare(a);
            _cachedFor = a;
        }
        var (vx, vy, skx, sky, r) = _cache.Value;
        int d = a.D, dIn = a.DIn;
        var signs = new double[r];
        for (int j = 0; j < r; j++)
        {
            double agree = 0;
            for (int s = 0; s < a.K; s++)
            {
                double px = 0, py = 0;
                for (int t = 0; t < d; t++) px += (a.KnownPlain[s * d + t] - a.PlainMean[t]) * vx[t * r + j];
                for (int t = 0; t < dIn; t++) py += (a.KnownObf[s * dIn + t] - a.ObfMean[t]) * vy[t * r + j];
                agree += px * py;
            }
            signs[j] = a.K > 0 && agree != 0 ? Math.Sign(agree) : (Math.Sign(skx[j]) * Math.Sign(sky[j]) is var g && g != 0 ? g : 1);
        }
        // coefficients c = (y − μ_y) V_y, then x̂ = μₓ + (c ∘ s) V_xᵀ
        var tc = new double[m * dIn];
        for (int i = 0; i < m; i++) for (int j = 0; j < dIn; j++) tc[i * dIn + j] = targets[i * dIn + j] - a.ObfMean[j];
        var c = new double[m * r];
        Blas.Gemm(false, false, m, r, dIn, 1.0, tc, dIn, vy, r, 0.0, c, r);
        for (int i = 0; i < m; i++) for (int j = 0; j < r; j++) c[i * r + j] *= signs[j];
        var outp = new double[m * d];
        Blas.Gemm(false, true, m, d, r, 1.0, c, r, vx, r, 0.0, outp, d);
        for (int i = 0; i < m; i++) for (int j = 0; j < d; j++) outp[i * d + j] += a.PlainMean[j];
        return outp;
    }

    private (double[], double[], double[], double[], int) Prepare(AttackData a)
    {
        int r = Math.Min(Components, Math.Min(a.D, a.DIn));
        var (vx, skx) = TopDirections(a.PublicPlain, a.PublicCount, a.D, a.PlainMean, r);
        var (vy, sky) = TopDirections(a.ObservedObf, a.ObservedCount, a.DIn, a.ObfMean, r);
        return (vx, vy, skx, sky, r);
    }

    /// <summary>The top r eigenvectors of the sample covariance (as a d×r row-major matrix) and the skewness of each projection.</summary>
    private static (double[] V, double[] Skew) TopDirections(double[] x, int n, int d, double[] mean, int r)
    {
        var xc = new double[n * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xc[i * d + j] = x[i * d + j] - mean[j];
        var cov = new double[d * d];
        Blas.Gemm(true, false, d, d, n, 1.0 / Math.Max(n - 1, 1), xc, d, xc, d, 0.0, cov, d);
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) cov[i * d + j] = cov[j * d + i] = 0.5 * (cov[i * d + j] + cov[j * d + i]);
        var eig = SymmetricEigen.Decompose(new Tensor<double>(cov, d, d));
        var vecs = eig.Vectors.Contiguous().ToArray();   // columns ascending
        var v = new double[d * r];
        for (int t = 0; t < d; t++) for (int j = 0; j < r; j++) v[t * r + j] = vecs[t * d + (d - 1 - j)];
        var proj = new double[n * r];
        Blas.Gemm(false, false, n, r, d, 1.0, xc, d, v, r, 0.0, proj, r);
        var skew = new double[r];
        for (int j = 0; j < r; j++)
        {
            double m2 = 0, m3 = 0;
            for (int i = 0; i < n; i++) { double p = proj[i * r + j]; m2 += p * p; m3 += p * p * p; }
            skew[j] = m2 > 0 ? m3 / n / Math.Pow(m2 / n, 1.5) : 0;
        }
        return (v, skew);
    }
}

/// <summary>
/// A learned inverse: an MLP regressor trained on the k pairs, x̂ = LS(y) + W₂ tanh(W₁ ŷ + b₁) + b₂ (ŷ = standardised y),
/// i.e. a one-hidden-layer network on top of the least-squares fit, so it is never worse than least squares on the
/// pairs (the output layer starts at zero, so the starting point is the least-squares fit); Adam on mean squared error, with 10 % of the pairs held out to pick the epoch (early stopping).
/// </summary>
public sealed class LearnedInverseAttacker(int hidden = 256, int epochs = 150, ulong seed = 1) : IAttacker
{
    /// <inheritdoc/>
    public string Name => "learned_inverse";

    /// <inheritdoc/>
    public double[] Recover(AttackData a, double[] targets, int m)
    {
        if (a.K == 0) return a.Prior(m);
        var ls = new LeastSquaresAttacker();
        if (a.K < 10) return ls.Recover(a, targets, m);
        int k = a.K, dIn = a.DIn, d = a.D;
        int hold = Math.Max(1, k / 10), fit = k - hold;
        var fitData = a with { K = fit };
        var coef = LeastSquaresAttacker.Fit(fitData, LeastSquaresAttacker.ChooseRidge(fitData));
        var baseKnown = LeastSquaresAttacker.Predict(coef, dIn, d, a.KnownObf, k);
        double scale = Rms(a.ObservedObf, a.ObfMean, dIn);
        Tensor<float> Std(double[] y, int rows)
        {
            var t = new Tensor<float>(rows, dIn);
            var s = t.Span;
            for (int i = 0; i < rows; i++) for (int j = 0; j < dIn; j++) s[i * dIn + j] = (float)((y[i * dIn + j] - a.ObfMean[j]) / scale);
            return t;
        }
        var yAll = Std(a.KnownObf, k);
        var resid = new Tensor<float>(k, d);
        for (int i = 0; i < k * d; i++) resid.Span[i] = (float)(a.KnownPlain[i] - baseKnown[i]);
        var net = new Mlp<float>([dIn, hidden, d], Activation.Tanh, new Rng(seed));
        net.Layers[^1].Weight.Value.Fill(0);   // start exactly at the least-squares fit
        var adam = new Adam<float>(net, new AdamOptions(1e-3));
        var tape = new Tape<float>();
        var rng = new Rng(seed).Fork(7);
        var best = net.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
        double bestHold = HoldLoss();
        int batch = 64;
        for (int e = 0; e < epochs; e++)
        {
            var perm = rng.Permutation(fit);
            for (int start = 0; start < fit; start += batch)
            {
                int b = Math.Min(batch, fit - start);
                var xb = new Tensor<float>(b, dIn); var tb = new Tensor<float>(b, d);
                for (int i = 0; i < b; i++) { yAll.Row(perm[start + i]).CopyTo(xb.Row(i)); resid.Row(perm[start + i]).CopyTo(tb.Row(i)); }
                tape.Reset(); adam.ZeroGrad();
                var loss = Functional.Mse(net.Forward(tape.Input(xb)), tape.Input(tb));
                tape.Backward(loss);
                adam.Step();
            }
            double h = HoldLoss();
            if (h < bestHold) { bestHold = h; best = net.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone()); }
        }
        net.LoadStateDict(best);
        var outp = LeastSquaresAttacker.Predict(coef, dIn, d, targets, m);
        using (Autograd.NoGrad())
        {
            var corr = net.Forward(Var<float>.Constant(Std(targets, m))).Value.Contiguous().Span;
            for (int i = 0; i < m * d; i++) outp[i] += corr[i];
        }
        return outp;

        double HoldLoss()
        {
            using var _ = Autograd.NoGrad();
            var yh = yAll.Slice(0, fit, hold).Contiguous();
            var pred = net.Forward(Var<float>.Constant(yh)).Value.Contiguous().Span;
            var target = resid.Slice(0, fit, hold).Contiguous().Span;
            double s = 0;
            for (int i = 0; i < pred.Length; i++) { double u = pred[i] - target[i]; s += u * u; }
            return s;
        }
    }

    private static double Rms(double[] y, double[] mean, int d)
    {
        double s = 0; long n = y.Length / d;
        for (long i = 0; i < n; i++) for (int j = 0; j < d; j++) { double u = y[i * d + j] - mean[j]; s += u * u; }
        return Math.Max(Math.Sqrt(s / Math.Max(1, y.Length)), 1e-12);
    }
}

/// <summary>Error measures of a recovery.</summary>
public static class RecoveryError
{
    /// <summary>Per-row relative errors ‖x̂−x‖/‖x‖ (rows with ‖x‖ = 0 use the absolute error).</summary>
    public static double[] Relative(double[] truth, double[] guess, int n, int d)
    {
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            double num = 0, den = 0;
            for (int j = 0; j < d; j++) { double t = truth[i * d + j]; double u = guess[i * d + j] - t; num += u * u; den += t * t; }
            e[i] = den > 0 ? Math.Sqrt(num / den) : Math.Sqrt(num);
        }
        return e;
    }
}
