using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    private double[]? _phiD;             // Φ (N×N, double) for the double-precision inverse — allocated on first use
    private double[]? _psiD;             // its Φ⁻¹
    private readonly T[] _phi, _psi, _scratch1, _scratch2;
    private readonly T[] _d;             // effective eigenvalues (λ_eff, 0…0)
    private readonly T[] _phiFixT;
    private bool _havePsi;

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
        _phi = new T[n * n]; _psi = new T[n * n]; _scratch1 = new T[n * n]; _scratch2 = new T[n * n];
        _d = new T[n];
        CouplingMatrix = new T[n * n];
        _phiFixT = new T[n * config.K];
        for (int i = 0; i < n * config.K; i++) _phiFixT[i] = T.CreateTruncating(PhiFix.Span[i]);
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

    /// <summary>Builds Φ, Φ⁻¹ (LU in double precision, or in float with <see cref="SinglePrecisionInverse"/>) and A; call after every parameter update.</summary>
    public void PrepareCoupling()
    {
        int n = Config.N, m = n - Config.K, k = Config.K;
        CheckFinite();
        CouplingPreparations++;
        var pt = PhiTrain.Span;
        for (int i = 0; i < n; i++)
        {
            pt.Slice(i * m, m).CopyTo(_phi.AsSpan(i * n, m));
            _phiFixT.AsSpan(i * k, k).CopyTo(_phi.AsSpan(i * n + m, k));
        }
        bool refined = false;
        if (_havePsi)
        {
            if (_refineSkip > 0) _refineSkip--;
            else if (RefineInverse()) { refined = true; _refineFailures = 0; }
            else { _refineFailures++; _refineSkip = Math.Min((1 << Math.Min(_refineFailures, 4)) - 1, 8); }
        }
        if (!refined)
        {
            InvertExactly(n);
            _havePsi = true;
            ExactInversions++;
        }
        double lmax = LambdaMax;
        var lam = Lambda.Span;
        for (int j = 0; j < m; j++) _d[j] = T.CreateTruncating(Math.Min(double.CreateTruncating(lam[j]), lmax));
        for (int j = m; j < n; j++) _d[j] = T.Zero;
        // Φ·diag(d) into scratch, then A = (Φ diag d) Φ⁻¹.
        for (int i = 0; i < n; i++)
            System.Numerics.Tensors.TensorPrimitives.Multiply<T>(_phi.AsSpan(i * n, n), _d, _scratch1.AsSpan(i * n, n));
        GenericBlas.Gemm(false, false, n, n, n, T.One, _scratch1, n, _psi, n, T.Zero, CouplingMatrix, n);
    }

    private int _refineFailures, _refineSkip;

    /// <summary>
    /// Back-off of the Newton–Schulz refinement: after f failed refinements in a row (each failure costs at least one wasted N³
    /// GEMM before the exact inversion) the next min(2^f − 1, 8) updates go straight to the exact inversion, and one
    /// success resets it. With Adam at lr 10⁻³ on one repeated batch (<c>basin bench sanode</c>), where Φ moves too far per
    /// step for the refinement ever to converge, that spares most steps the failed attempt's N³ GEMM (≈ 5 ms at N = 784 on
    /// the 2-vCPU Xeon). Saved in training checkpoints, so a resumed run takes the same path as an uninterrupted one.
    /// </summary>
    public (int Failures, int Skip) RefinementBackoff
    {
        get => (_refineFailures, _refineSkip);
        set => (_refineFailures, _refineSkip) = (Math.Max(0, value.Failures), Math.Max(0, value.Skip));
    }

    /// <summary>
    /// Whether a float model's exact Φ⁻¹ comes from a single-precision LU (<see cref="Basin.Tensors.LinearAlgebra.Lu.InvertInto(ReadOnlySpan{float}, int, float[], float[], int[])"/>)
    /// instead of a double-precision one rounded to float; ignored for double models. The float LU takes about 16 ms
    /// against 28 ms at N = 784 on the 2-vCPU Xeon, and is as accurate as PyTorch's <c>torch.linalg.inv</c> on a float Φ:
    /// ‖I − ΦΦ⁻¹‖_F ≈ 4·10⁻⁴ on the shipped 784-node models (entries of Φ⁻¹ within 5·10⁻⁶ of the double inverse, relative to
    /// its largest) against 3·10⁻⁶ for the rounded double inverse. <see cref="SaNodeTrainer"/> sets it on the model it trains
    /// (its steps and its per-epoch validation), where that error is far below the gradient noise of a mini-batch; models
    /// loaded for evaluation, the stability certificate and the studies keep the double-precision inverse (the default, false).
    /// </summary>
    public bool SinglePrecisionInverse { get; set; }

    /// <summary>Exact (LU) inversions of Φ so far; the others were Newton–Schulz refinements.</summary>
    public int ExactInversions { get; private set; }

    /// <summary>Calls of <see cref="PrepareCoupling"/> so far (one per optimiser step, one per evaluation); <see cref="ExactInversions"/> of them inverted Φ exactly.</summary>
    public int CouplingPreparations { get; private set; }

    /// <summary>The cached Φ⁻¹ (N×N row-major), valid after <see cref="PrepareCoupling"/>; saved in checkpoints so resumed runs continue identically.</summary>
    public T[] InverseCache => _psi;

    /// <summary>Marks <see cref="InverseCache"/> as holding Φ⁻¹ of the current parameters up to refinement (after loading it from a checkpoint).</summary>
    public void AdoptInverseCache() => _havePsi = true;

    /// <summary>
    /// Newton–Schulz refinement of the previous step's Φ⁻¹ for the current Φ, much cheaper than an exact LU inverse when one
    /// optimiser step has moved Φ only slightly: with R = I − ΦΨ, the update Ψ ← Ψ + ΨR leaves the residual R², at the cost of
    /// two N³ GEMMs. Acceptance is a bound, not a probe: ‖R²‖₂ ≤ ‖R²‖_F ≤ ‖R‖_F², so Ψ is accepted as soon as the Frobenius norm r
    /// of the residual it was refined from satisfies r² ≤ tol (2·10⁻⁵ in float, 10⁻¹¹ in double; rounding of the last update
    /// aside), or at once when r ≤ tol. Returns false (the caller inverts exactly) when r ≥ 1 or when even the bound
    /// r^(2^j) cannot reach tol within the j ≤ 2 updates left: measured at N = 784 on the Xeon, two updates (coupling phase
    /// 33–36 ms) beat the exact inversion (43–45 ms) and three (40 ms) barely did. (A probe-vector residual, used before,
    /// can understate ‖R‖ when R is far from normal.)
    /// </summary>
    private bool RefineInverse()
    {
        int n = Config.N;
        double tol = typeof(T) == typeof(float) ? 2e-5 : 1e-11;
        const int maxUpdates = 2;
        for (int it = 0; it < maxUpdates; it++)
        {
            GenericBlas.Gemm(false, false, n, n, n, T.NegativeOne, _phi, n, _psi, n, T.Zero, _scratch1, n);   // −ΦΨ
            for (int i = 0; i < n; i++) _scratch1[i * n + i] += T.One;                                          // R = I − ΦΨ
            double r = double.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.Norm<T>(_scratch1));
            if (r <= tol) return true;
            if (!(r < 1) || Math.Pow(r, 1 << (maxUpdates - it)) > tol) return false;
            GenericBlas.Gemm(false, false, n, n, n, T.One, _psi, n, _scratch1, n, T.Zero, _scratch2, n);      // ΨR
            System.Numerics.Tensors.TensorPrimitives.Add<T>(_psi, _scratch2, _psi);
            if (r * r <= tol) return true;
        }
        return false;
    }

    /// <summary>
    /// Chains ∂L/∂A (and a direct ∂L/∂γ from the reaction term) to the parameters: with M = dA Φ⁻ᵀ and P = Φᵀ M,
    /// ∂L/∂λ_eff = diag(P) and ∂L/∂Φ = M diag(d) − Φ⁻ᵀ diag(d) P (from d(Φ⁻¹) = −Φ⁻¹ dΦ Φ⁻¹); clipped eigenvalues pass
    /// their gradient to γ through λ_max. Since Φ⁻ᵀ diag(d) Φᵀ = Aᵀ, the second term is Aᵀ M, and only the diagonal of P is
    /// needed (column dot products Σᵢ Φᵢⱼ Mᵢⱼ): two N³ products instead of three. Overwrites the Grad* properties.
    /// </summary>
    public void BackwardCoupling(ReadOnlySpan<T> gradA, double gradGammaDirect)
    {
        int n = Config.N, m = n - Config.K;
        if (gradA.Length != n * n) throw new ArgumentException($"∂L/∂A must be {n}×{n}.");
        var mm = _scratch1;
        GenericBlas.Gemm(false, true, n, n, n, T.One, gradA, n, _psi, n, T.Zero, mm, n);   // M = dA Ψᵀ
        // diag(Φᵀ M)ⱼ = Σᵢ Φᵢⱼ Mᵢⱼ, accumulated row by row (contiguous) in double.
        var diag = _diagP ??= new double[n];
        Array.Clear(diag);
        for (int i = 0; i < n; i++)
        {
            var pr = _phi.AsSpan(i * n, m); var mr = mm.AsSpan(i * n, m);
            for (int j = 0; j < m; j++) diag[j] += double.CreateTruncating(pr[j] * mr[j]);
        }
        double lmax = LambdaMax, dGamma = gradGammaDirect;
        var lam = Lambda.Span; var gl = GradLambda.Span;
        double dLmaxdGamma = 8 * Config.A * Config.A * Math.Sign(Gamma) / Config.EffectiveBeta;
        for (int j = 0; j < m; j++)
        {
            if (double.CreateTruncating(lam[j]) < lmax) gl[j] = T.CreateTruncating(diag[j]);
            else { gl[j] = T.Zero; dGamma += diag[j] * dLmaxdGamma; }
        }
        GradGamma = dGamma;
        // dΦ_train = M[:, :m] diag(d) − (Aᵀ M)[:, :m].
        var gp = GradPhiTrain.Span;
        GenericBlas.Gemm(true, false, n, m, n, T.NegativeOne, CouplingMatrix, n, mm, n, T.Zero, gp, m);
        for (int i = 0; i < n; i++)
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<T>(mm.AsSpan(i * n, m), _d.AsSpan(0, m), gp.Slice(i * m, m), gp.Slice(i * m, m));
    }

    private double[]? _diagP;

    /// <summary>
    /// Adds the column-orthogonality penalty R = w·Σ_{i≠j}|ĉᵢ·ĉⱼ| / (m(m−1)) on the normalised columns ĉ of Φ_train
    /// (Keras' OrthogonalRegularizer, mode "columns", as the reference uses) to <see cref="GradPhiTrain"/>; returns R.
    /// With G = ĈᵀĈ and dG = 2w·sign(G)/(m(m−1)) off the diagonal, ∂R/∂Ĉ = Ĉ dG and, through ĉⱼ = cⱼ/‖cⱼ‖,
    /// ∂R/∂cⱼ = (∂R/∂ĉⱼ − ĉⱼ(ĉⱼ·∂R/∂ĉⱼ))/‖cⱼ‖.
    /// </summary>
    public double AddOrthogonalityPenalty()
    {
        double w = Config.OrthogonalityPenalty;
        if (w == 0) return 0;
        int n = Config.N, m = n - Config.K;
        _pen ??= new PenaltyBuffers(n, m);
        var (hat, g, dhat, invNorm, proj) = (_pen.Hat, _pen.G, _pen.DHat, _pen.InvNorm, _pen.Proj);
        var pt = PhiTrain.Span;
        Array.Clear(invNorm);
        for (int i = 0; i < n; i++)
        {
            var row = pt.Slice(i * m, m);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<T>(row, row, invNorm, invNorm);
        }
        for (int j = 0; j < m; j++) invNorm[j] = T.One / T.Sqrt(T.Max(invNorm[j], T.CreateTruncating(1e-30)));
        for (int i = 0; i < n; i++)
            System.Numerics.Tensors.TensorPrimitives.Multiply<T>(pt.Slice(i * m, m), invNorm, hat.AsSpan(i * m, m));
        GenericBlas.Gemm(true, false, m, m, n, T.One, hat, m, hat, m, T.Zero, g, m);
        T scale2 = T.CreateTruncating(2 * w / ((double)m * (m - 1)));
        double sumAbs = 0;
        for (int i = 0; i < m; i++)
        {
            var row = g.AsSpan(i * m, m);
            row[i] = T.Zero;
            sumAbs += double.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.SumOfMagnitudes<T>(row));
            SignTimes(row, scale2);
        }
        double penalty = sumAbs * w / ((double)m * (m - 1));
        GenericBlas.Gemm(false, false, n, m, m, T.One, hat, m, g, m, T.Zero, dhat, m);   // ∂R/∂Ĉ = Ĉ dG (dG symmetric)
        Array.Clear(proj);
        for (int i = 0; i < n; i++)
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<T>(dhat.AsSpan(i * m, m), hat.AsSpan(i * m, m), proj, proj);
        var gp = GradPhiTrain.Span;
        var tmp = _pen.Row;
        for (int i = 0; i < n; i++)
        {
            var h = hat.AsSpan(i * m, m);
            System.Numerics.Tensors.TensorPrimitives.Multiply<T>(h, proj, tmp);
            System.Numerics.Tensors.TensorPrimitives.Subtract<T>(dhat.AsSpan(i * m, m), tmp, tmp);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<T>(tmp, invNorm, gp.Slice(i * m, m), gp.Slice(i * m, m));
        }
        return penalty;
    }

    private PenaltyBuffers? _pen;

    /// <summary>v ← s·sign(v) element-wise (0 stays 0), branch-free: the m² signs of a Gram matrix are random, and a
    /// branching loop mispredicted about half of them.</summary>
    private static void SignTimes(Span<T> v, T s)
    {
        int j = 0;
        ref T r = ref MemoryMarshal.GetReference(v);
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var vs = Vector512.Create(s); var vn = -vs; var z = Vector512<T>.Zero;
            for (; j <= v.Length - Vector512<T>.Count; j += Vector512<T>.Count)
            {
                var x = Vector512.LoadUnsafe(ref r, (nuint)j);
                Vector512.ConditionalSelect(Vector512.GreaterThan(x, z), vs,
                    Vector512.ConditionalSelect(Vector512.LessThan(x, z), vn, z)).StoreUnsafe(ref r, (nuint)j);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var vs = Vector256.Create(s); var vn = -vs; var z = Vector256<T>.Zero;
            for (; j <= v.Length - Vector256<T>.Count; j += Vector256<T>.Count)
            {
                var x = Vector256.LoadUnsafe(ref r, (nuint)j);
                Vector256.ConditionalSelect(Vector256.GreaterThan(x, z), vs,
                    Vector256.ConditionalSelect(Vector256.LessThan(x, z), vn, z)).StoreUnsafe(ref r, (nuint)j);
            }
        }
        for (; j < v.Length; j++) v[j] = v[j] > T.Zero ? s : v[j] < T.Zero ? -s : T.Zero;
    }

    private sealed class PenaltyBuffers(int n, int m)
    {
        public readonly T[] Hat = new T[n * m], DHat = new T[n * m], G = new T[m * m], InvNorm = new T[m], Proj = new T[m], Row = new T[m];
        public void Deconstruct(out T[] hat, out T[] g, out T[] dhat, out T[] invNorm, out T[] proj) =>
            (hat, g, dhat, invNorm, proj) = (Hat, G, DHat, InvNorm, Proj);
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

    private double[]? _luWork;
    private float[]? _luWorkF;
    private int[]? _luPerm;

    /// <summary>Ψ ← Φ⁻¹ by LU: in float for a float model with <see cref="SinglePrecisionInverse"/>, otherwise in double
    /// (Φ promoted, the inverse rounded back to T).</summary>
    private void InvertExactly(int n)
    {
        _luPerm ??= new int[n];
        try
        {
            if (typeof(T) == typeof(float) && SinglePrecisionInverse)
            {
                Basin.Tensors.LinearAlgebra.Lu.InvertInto((float[])(object)_phi, n, (float[])(object)_psi, _luWorkF ??= new float[n * n], _luPerm);
                return;
            }
            _phiD ??= new double[n * n];
            _psiD ??= new double[n * n];
            for (int i = 0; i < n * n; i++) _phiD[i] = double.CreateTruncating(_phi[i]);
            Basin.Tensors.LinearAlgebra.Lu.InvertInto(_phiD, n, _psiD, _luWork ??= new double[n * n], _luPerm);
            for (int i = 0; i < n * n; i++) _psi[i] = T.CreateTruncating(_psiD[i]);
        }
        catch (Basin.Tensors.LinearAlgebra.SingularMatrixException e)
        {
            throw new ArithmeticException("SA-nODE: Φ = [Φ_train | Φ_fix] is singular; the coupling A = ΦΛΦ⁻¹ is undefined.", e);
        }
    }
}
