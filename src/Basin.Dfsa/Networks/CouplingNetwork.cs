namespace Basin.Dfsa.Networks;

/// <summary>
/// An invertible coupling network ℝⁿ → ℝⁿ (Dinh et al. 2015, NICE; Dinh et al. 2017, RealNVP). Layer l splits its
/// input z = [a | b] with |a| = h_l (⌊n/2⌋ on even layers, ⌈n/2⌉ on odd ones) and computes
/// <code>
///   additive:  b' = b + t_l(a)
///   affine:    b' = b ⊙ exp(s_l(a)) + t_l(a),   s_l = S·tanh(ŝ_l / S)   (|s| &lt; S = ScaleBound)
///   z_next = [a | b'] · P_l
/// </code>
/// where (ŝ_l, t_l) is a conditioner MLP of a, and P_l is a permutation matrix that puts a shuffle of b' first and a
/// shuffle of a second (so every coordinate is updated on alternate layers). The shuffles are drawn from the
/// construction <see cref="Rng"/> — the network's key — and saved as buffers <c>perm.l</c>.
/// The inverse runs the layers backwards: [a | b'] = z_next·P_lᵀ, b = (b' − t_l(a)) ⊙ exp(−s_l(a)), exact up to
/// rounding (≈ 1e-15 relative in float64). log|det J| = Σ_l Σ s_l(a) (0 for additive coupling).
/// </summary>
public sealed class CouplingNetwork<T> : DfsaNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Mlp<T>[] _conditioners;
    private readonly int[][] _perms;
    private readonly int[] _split;
    private Tensor<T>[] _permMatrices;

    /// <summary>Builds the network; <paramref name="rng"/> draws conditioner weights and the keyed permutations.</summary>
    public CouplingNetwork(NetworkSpec spec, Rng rng) : base(spec)
    {
        int n = spec.InputDim, layers = spec.Layers;
        IsAffine = spec.Architecture == Architecture.AffineCoupling;
        _conditioners = new Mlp<T>[layers];
        _perms = new int[layers][];
        _split = new int[layers];
        var act = ActivationNames.Parse(spec.Activation);
        for (int l = 0; l < layers; l++)
        {
            int h = l % 2 == 0 ? n / 2 : n - n / 2;
            _split[l] = h;
            var widths = new List<int> { h };
            for (int i = 0; i < spec.ConditionerLayers; i++) widths.Add(spec.Hidden);
            widths.Add((IsAffine ? 2 : 1) * (n - h));
            _conditioners[l] = RegisterModule($"coupling{l}", new Mlp<T>(widths, act, rng));
            var first = rng.Permutation(n - h);
            var second = rng.Permutation(h);
            var perm = new int[n];
            for (int j = 0; j < n - h; j++) perm[j] = h + first[j];
            for (int j = 0; j < h; j++) perm[n - h + j] = second[j];
            _perms[l] = perm;
        }
        ApplyInitGain();
        _permMatrices = _perms.Select(PermutationMatrix).ToArray();
    }

    /// <summary>True for affine coupling, false for additive.</summary>
    public bool IsAffine { get; }

    /// <summary>Number of coupling layers.</summary>
    public int LayerCount => _conditioners.Length;

    /// <summary>The output order of layer <paramref name="layer"/>: output column j is column perm[j] of [a | b'].</summary>
    public IReadOnlyList<int> Permutation(int layer) => _perms[layer];

    /// <inheritdoc/>
    public override Var<T> Forward(Var<T> x)
    {
        for (int l = 0; l < LayerCount; l++) x = ForwardLayer(l, x, null);
        return x;
    }

    /// <summary>f(x) together with log|det J_f(x)| per row (Σ of the log-scales; zeros for additive coupling).</summary>
    public (Var<T> Y, Var<T> LogDet) ForwardWithLogDet(Var<T> x)
    {
        var logDets = new List<Var<T>>();
        for (int l = 0; l < LayerCount; l++) x = ForwardLayer(l, x, logDets);
        Var<T> ld = logDets.Count == 0 ? Var<T>.Constant(Tensor.Zeros<T>(x.Shape[0])) : logDets.Aggregate((p, q) => p.Add(q));
        return (x, ld);
    }

    /// <summary>The exact inverse f⁻¹(y) for a [batch, n] tensor (no recording).</summary>
    public Tensor<T> Inverse(Tensor<T> y)
    {
        if (y.Rank != 2 || y.Dim(1) != InputDim) throw new TensorShapeException($"CouplingNetwork.Inverse: expected [batch, {InputDim}], got {Shapes.Format(y.Shape)}.");
        using var _ = Autograd.NoGrad();
        var z = Var<T>.Constant(y);
        for (int l = LayerCount - 1; l >= 0; l--) z = InverseLayer(l, z);
        return z.Value;
    }

    /// <summary>Differentiable inverse (recorded when the input or parameters need gradients).</summary>
    public Var<T> Inverse(Var<T> y)
    {
        for (int l = LayerCount - 1; l >= 0; l--) y = InverseLayer(l, y);
        return y;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Tensor<T>> Buffers()
    {
        var d = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        for (int l = 0; l < LayerCount; l++)
        {
            var t = new Tensor<T>(InputDim);
            for (int j = 0; j < InputDim; j++) t[j] = T.CreateTruncating(_perms[l][j]);
            d[$"perm.{l}"] = t;
        }
        return d;
    }

    /// <inheritdoc/>
    public override void LoadBuffers(IReadOnlyDictionary<string, Tensor<T>> buffers)
    {
        int n = InputDim;
        for (int l = 0; l < LayerCount; l++)
        {
            if (!buffers.TryGetValue($"perm.{l}", out var t)) throw new InvalidDataException($"coupling network: buffer 'perm.{l}' is missing.");
            if (t.Length != n) throw new InvalidDataException($"coupling network: 'perm.{l}' has {t.Length} entries, expected {n}.");
            var perm = new int[n];
            var seen = new bool[n];
            int h = _split[l];
            for (int j = 0; j < n; j++)
            {
                double v = double.CreateTruncating(t.Contiguous().Span[j]);
                int k = (int)v;
                if (k != v || k < 0 || k >= n || seen[k]) throw new InvalidDataException($"coupling network: 'perm.{l}' is not a permutation of 0…{n - 1}.");
                if ((j < n - h) != (k >= h)) throw new InvalidDataException($"coupling network: 'perm.{l}' must put the updated half first.");
                seen[k] = true;
                perm[j] = k;
            }
            _perms[l] = perm;
        }
        _permMatrices = _perms.Select(PermutationMatrix).ToArray();
    }

    private Var<T> ForwardLayer(int l, Var<T> z, List<Var<T>>? logDets)
    {
        int n = InputDim, h = _split[l];
        var a = z.Slice(1, 0, h);
        var b = z.Slice(1, h, n - h);
        var c = _conditioners[l].Forward(a);
        Var<T> bNew;
        if (IsAffine)
        {
            var s = LogScale(c.Slice(1, 0, n - h));
            bNew = b.Multiply(s.Exp()).Add(c.Slice(1, n - h, n - h));
            logDets?.Add(s.Sum(1));
        }
        else bNew = b.Add(c);
        return Ops.Concat(1, a, bNew).MatMul(Var<T>.Constant(_permMatrices[l]));
    }

    private Var<T> InverseLayer(int l, Var<T> y)
    {
        int n = InputDim, h = _split[l];
        var z = y.MatMul(Var<T>.Constant(_permMatrices[l]).Transpose());
        var a = z.Slice(1, 0, h);
        var bNew = z.Slice(1, h, n - h);
        var c = _conditioners[l].Forward(a);
        Var<T> b = IsAffine
            ? bNew.Subtract(c.Slice(1, n - h, n - h)).Multiply(LogScale(c.Slice(1, 0, n - h)).Neg().Exp())
            : bNew.Subtract(c);
        return Ops.Concat(1, a, b);
    }

    private Var<T> LogScale(Var<T> raw)
    {
        T bound = T.CreateTruncating(Spec.ScaleBound);
        return raw.Scale(T.One / bound).Tanh().Scale(bound);
    }

    private Tensor<T> PermutationMatrix(int[] perm)
    {
        int n = perm.Length;
        var p = new Tensor<T>(n, n);
        for (int j = 0; j < n; j++) p[perm[j], j] = T.One;
        return p;
    }
}
