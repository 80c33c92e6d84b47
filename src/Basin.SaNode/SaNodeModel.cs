using System.Numerics;
using Basin.Tensors;
using Basin.Tensors.Blas;

namespace Basin.SaNode;

/// <summary>
/// SA-nODE parameters and the spectral coupling A = Φ Λ Φ⁻¹ (Marino et al. 2024, §II.A), with
/// Φ = [Φ_train | Φ_fix]: Φ_fix (N×K) spans the planted attractors and carries eigenvalue 0, so Aφ⁽ᵏ⁾ = 0;
/// Φ_train (N×(N−K)) and its eigenvalues λ are trained, as is the well depth γ.
/// Linear stability of every attractor (§II.B) needs f'(±a) + βλ_α &lt; 0, i.e. λ_α &lt; 8a²|γ|/β; the effective
/// eigenvalues are clipped to λ_max = 8a²|γ|/β − margin (the reference clips to 8a²γ√N − 0.1).
/// </summary>
public sealed class SaNodeModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[] _phiD;     // Φ (N×N, double) — rebuilt by PrepareCoupling
    private readonly double[] _psiD;     // Φ⁻¹
    private readonly T[] _phi, _psi, _scratch1, _scratch2;
    private readonly T[] _d;             // effective eigenvalues (λ_eff, 0…0)

    /// <summary>Creates a model with the reference initialisation, drawn from <paramref name="rng"/>.</summary>
    public SaNodeModel(SaNodeConfig config, Rng rng) : this(config)
    {
        int n = config.N, m = n - config.K;
        var w = config.Init == "reference"
            ? Basin.Tensors.Init.Initializers.Orthogonal<double>(n, m, config.OrthogonalGain, rng)
            : ComplementBasis(rng);
        for (int i = 0; i < n * m; i++) PhiTrain.Span[i] = T.CreateTruncating(w.Span[i]);
        rng.FillNormal(Lambda.Span, T.CreateTruncating(config.LambdaMean), T.CreateTruncating(config.LambdaStd));
        Gamma = config.Gamma0;
    }

    /// <summary>Creates a model with zero parameters (to be loaded).</summary>
    public SaNodeModel(SaNodeConfig config)
    {
        Config = config.Validate();
        int n = config.N, m = n - config.K;
        PhiTrain = new Tensor<T>(n, m);
        Lambda = new Tensor<T>(m);
        GradPhiTrain = new Tensor<T>(n, m);
        GradLambda = new Tensor<T>(m);
        PhiFix = Attractors.OrthonormalBasis(config);
        Patterns = Attractors.Patterns<T>(config);
        _phiD = new double[n * n]; _psiD = new double[n * n];
        _phi = new T[n * n]; _psi = new T[n * n]; _scratch1 = new T[n * n]; _scratch2 = new T[n * n];
        _d = new T[n];
        CouplingMatrix = new T[n * n];
    }

    /// <summary>Configuration.</summary>
    public SaNodeConfig Config { get; }

    /// <summary>Trainable eigenvectors Φ_train (N×(N−K)).</summary>
    public Tensor<T> PhiTrain { get; }

    /// <summary>Trainable eigenvalues λ (N−K).</summary>
    public Tensor<T> Lambda { get; }

    /// <summary>Well depth γ (trainable; the dynamics use |γ|).</summary>
    public double Gamma { get; set; }

    /// <summary>Orthonormal basis of the attractors' span (N×K), the fixed eigenvectors.</summary>
    public Tensor<double> PhiFix { get; }

    /// <summary>Attractor patterns φ⁽ᵏ⁾ (K×N), the targets.</summary>
    public Tensor<T> Patterns { get; }

    /// <summary>∂L/∂Φ_train after <see cref="BackwardCoupling"/>.</summary>
    public Tensor<T> GradPhiTrain { get; }

    /// <summary>∂L/∂λ after <see cref="BackwardCoupling"/>.</summary>
    public Tensor<T> GradLambda { get; }

    /// <summary>∂L/∂γ after <see cref="BackwardCoupling"/>.</summary>
    public double GradGamma { get; private set; }

    /// <summary>A = Φ diag(λ_eff, 0) Φ⁻¹ (N×N row-major), valid after <see cref="PrepareCoupling"/>.</summary>
    public T[] CouplingMatrix { get; }

    /// <summary>Upper bound of the effective eigenvalues: 8a²|γ|/β − margin.</summary>
    public double LambdaMax => 8 * Config.A * Config.A * Math.Abs(Gamma) / Config.EffectiveBeta - Config.StabilityMargin;

    /// <summary>Stability time t_s = 1/min_α |f'(±a) + βλ_α| (paper §II.B), using the effective eigenvalues (0 for the planted directions).</summary>
    public double SettlingTime()
    {
        double fp = -8 * Math.Abs(Gamma) * Config.A * Config.A, beta = Config.EffectiveBeta, lmax = LambdaMax, minRate = Math.Abs(fp);
        foreach (var l in Lambda.Span) minRate = Math.Min(minRate, Math.Abs(fp + beta * Math.Min(double.CreateTruncating(l), lmax)));
        return 1 / minRate;
    }

    /// <summary>Builds Φ, Φ⁻¹ (LU in double precision) and A; call after every parameter update.</summary>
    public void PrepareCoupling()
    {
        int n = Config.N, m = n - Config.K, k = Config.K;
        CheckFinite();
        var pt = PhiTrain.Span;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++) _phiD[i * n + j] = double.CreateTruncating(pt[i * m + j]);
            for (int j = 0; j < k; j++) _phiD[i * n + m + j] = PhiFix[i, j];
        }
        Invert(_phiD, _psiD, n);
        for (int i = 0; i < n * n; i++) { _phi[i] = T.CreateTruncating(_phiD[i]); _psi[i] = T.CreateTruncating(_psiD[i]); }
        double lmax = LambdaMax;
        var lam = Lambda.Span;
        for (int j = 0; j < m; j++) _d[j] = T.CreateTruncating(Math.Min(double.CreateTruncating(lam[j]), lmax));
        for (int j = m; j < n; j++) _d[j] = T.Zero;
        // Φ·diag(d) into scratch, then A = (Φ diag d) Φ⁻¹.
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) _scratch1[i * n + j] = _phi[i * n + j] * _d[j];
        GenericBlas.Gemm(false, false, n, n, n, T.One, _scratch1, n, _psi, n, T.Zero, CouplingMatrix, n);
    }

    /// <summary>
    /// Chains ∂L/∂A (and a direct ∂L/∂γ from the reaction term) to the parameters:
    /// with M = dA Φ⁻ᵀ and P = Φᵀ M, ∂L/∂λ_eff = diag(P), ∂L/∂Φ = M diag(d) − Φ⁻ᵀ diag(d) P
    /// (from d(Φ⁻¹) = −Φ⁻¹ dΦ Φ⁻¹); clipped eigenvalues pass their gradient to γ through λ_max.
    /// Overwrites the Grad* properties.
    /// </summary>
    public void BackwardCoupling(ReadOnlySpan<T> gradA, double gradGammaDirect)
    {
        int n = Config.N, m = n - Config.K;
        if (gradA.Length != n * n) throw new ArgumentException($"∂L/∂A must be {n}×{n}.");
        var mm = _scratch1; var p = _scratch2;
        GenericBlas.Gemm(false, true, n, n, n, T.One, gradA, n, _psi, n, T.Zero, mm, n);   // M = dA Ψᵀ
        GenericBlas.Gemm(true, false, n, n, n, T.One, _phi, n, mm, n, T.Zero, p, n);       // P = Φᵀ M
        double lmax = LambdaMax, dGamma = gradGammaDirect;
        var lam = Lambda.Span; var gl = GradLambda.Span;
        double dLmaxdGamma = 8 * Config.A * Config.A * Math.Sign(Gamma) / Config.EffectiveBeta;
        for (int j = 0; j < m; j++)
        {
            T g = p[j * n + j];
            if (double.CreateTruncating(lam[j]) < lmax) gl[j] = g;
            else { gl[j] = T.Zero; dGamma += double.CreateTruncating(g) * dLmaxdGamma; }
        }
        GradGamma = dGamma;
        // Q = diag(d) P (rows scaled), in place.
        for (int i = 0; i < n; i++)
        {
            T di = _d[i];
            var row = p.AsSpan(i * n, n);
            if (di == T.Zero) row.Clear(); else System.Numerics.Tensors.TensorPrimitives.Multiply<T>(row, di, row);
        }
        // dΦ_train = M[:, :m] diag(d) − Ψᵀ Q[:, :m]  → compute R = Ψᵀ Q restricted to the first m columns.
        var gp = GradPhiTrain.Span;
        GenericBlas.Gemm(true, false, n, m, n, T.NegativeOne, _psi, n, p, n, T.Zero, gp, m);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) gp[i * m + j] += mm[i * n + j] * _d[j];
    }

    /// <summary>
    /// Adds the column-orthogonality penalty R = w·Σ_{i≠j}|ĉᵢ·ĉⱼ| / (m(m−1)) on the normalised columns ĉ of Φ_train
    /// (Keras' OrthogonalRegularizer, mode "columns", as the reference uses) to <see cref="GradPhiTrain"/>; returns R.
    /// </summary>
    public double AddOrthogonalityPenalty()
    {
        double w = Config.OrthogonalityPenalty;
        if (w == 0) return 0;
        int n = Config.N, m = n - Config.K;
        var pt = PhiTrain.Span;
        var norms = new double[m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) { double v = double.CreateTruncating(pt[i * m + j]); norms[j] += v * v; }
        for (int j = 0; j < m; j++) norms[j] = Math.Sqrt(Math.Max(norms[j], 1e-30));
        var hat = new T[n * m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) hat[i * m + j] = T.CreateTruncating(double.CreateTruncating(pt[i * m + j]) / norms[j]);
        var g = new T[m * m];
        GenericBlas.Gemm(true, false, m, m, n, T.One, hat, m, hat, m, T.Zero, g, m);
        double scale = w / ((double)m * (m - 1)), penalty = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                if (i == j) { g[i * m + j] = T.Zero; continue; }
                double v = double.CreateTruncating(g[i * m + j]);
                penalty += Math.Abs(v);
                g[i * m + j] = T.CreateTruncating(2 * scale * Math.Sign(v));
            }
        penalty *= scale;
        var dhat = new T[n * m];
        GenericBlas.Gemm(false, false, n, m, m, T.One, hat, m, g, m, T.Zero, dhat, m);   // dĈ = Ĉ (dG + dGᵀ)
        var proj = new double[m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) proj[j] += double.CreateTruncating(dhat[i * m + j] * hat[i * m + j]);
        var gp = GradPhiTrain.Span;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                gp[i * m + j] += T.CreateTruncating((double.CreateTruncating(dhat[i * m + j]) - double.CreateTruncating(hat[i * m + j]) * proj[j]) / norms[j]);
        return penalty;
    }

    /// <summary>gain·Q, Q an orthonormal basis (N×(N−K)) of span(Φ_fix)^⊥ with a random rotation: QR of (I − Φ_fixΦ_fixᵀ)G, G Gaussian.</summary>
    private Tensor<double> ComplementBasis(Rng rng)
    {
        int n = Config.N, m = n - Config.K, k = Config.K;
        var g = Tensor.Normal(rng, 0.0, 1.0, n, m);
        var proj = TensorOps.MatMul(PhiFix.Transpose(), g);          // K×m
        var corr = TensorOps.MatMul(PhiFix, proj);                   // N×m
        var p = TensorOps.Subtract(g, corr);
        var q = Basin.Tensors.LinearAlgebra.Qr.Factor(p).Q;
        return TensorOps.Scale(q, Config.OrthogonalGain);
    }

    private void CheckFinite()
    {
        if (PhiTrain.HasNonFinite()) throw new ArithmeticException("SA-nODE: Φ_train contains NaN or ∞.");
        if (Lambda.HasNonFinite()) throw new ArithmeticException("SA-nODE: λ contains NaN or ∞.");
        if (!double.IsFinite(Gamma)) throw new ArithmeticException("SA-nODE: γ is NaN or ∞.");
    }

    private static void Invert(double[] a, double[] inv, int n)
    {
        try
        {
            Basin.Tensors.LinearAlgebra.Lu.Inverse(new Tensor<double>(a, n, n)).Span.CopyTo(inv);
        }
        catch (Basin.Tensors.LinearAlgebra.SingularMatrixException e)
        {
            throw new ArithmeticException("SA-nODE: Φ = [Φ_train | Φ_fix] is singular; the coupling A = ΦΛΦ⁻¹ is undefined.", e);
        }
    }
}
