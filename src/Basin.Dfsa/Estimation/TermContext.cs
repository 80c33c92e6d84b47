using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;

namespace Basin.Dfsa.Estimation;

/// <summary>
/// One evaluation of an objective: a batch X ∼ p(x) and everything the terms derive from it, computed lazily on
/// one tape and shared between terms (f(X), f(X + δ), JVPs, Hessian–vector products). Every random draw comes from
/// <see cref="Rng"/> in the order the terms ask, so a seed and a term list fix the whole evaluation.
///
/// Jacobians are never formed symbolically: a Jacobian–vector product is the central difference
/// J(x)v ≈ (f(x + hv) − f(x − hv)) / 2h of two forward passes recorded on the tape, which the tape then
/// differentiates exactly with respect to the weights (error O(h²) in J; h = 10⁻³ gives ~10⁻⁶ relative, below the
/// float32 noise of the terms). All probes of a point go through the network as one stacked batch.
/// Hessian–vector products H[u, v] are finite differences of these JVPs (a four-point stencil).
/// </summary>
public sealed class TermContext<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<(Tensor<T>, ProbeSet<T>), Var<T>> _jvps = new();
    private readonly Dictionary<Tensor<T>, Var<T>> _hvps = new();
    private Var<T>? _output, _perturbedOutput, _nextOutput;
    private Tensor<T>? _perturbed, _next;
    private ProbeSet<T>? _probes, _columns, _basis, _direction, _hessU, _hessV;

    /// <summary>Creates the context for batch <paramref name="x"/> ([B, n]).</summary>
    public TermContext(DfsaNetwork<T> network, InputDistribution input, Tensor<T> x, Tape<T> tape, Rng rng, EstimatorOptions options)
    {
        if (x.Rank != 2 || x.Dim(1) != network.InputDim) throw new TensorShapeException($"TermContext: batch {Shapes.Format(x.Shape)} does not fit a network with {network.InputDim} inputs.");
        if (x.Dim(0) < 2) throw new ArgumentException("TermContext: a batch needs at least 2 samples (covariances, pairs).");
        Network = network;
        Input = input;
        X = x;
        Tape = tape;
        Rng = rng;
        Options = options.Validate();
    }

    /// <summary>The network f.</summary>
    public DfsaNetwork<T> Network { get; }

    /// <summary>p(x).</summary>
    public InputDistribution Input { get; }

    /// <summary>The batch X, [B, n].</summary>
    public Tensor<T> X { get; }

    /// <summary>The tape everything is recorded on.</summary>
    public Tape<T> Tape { get; }

    /// <summary>Source of probes and perturbations.</summary>
    public Rng Rng { get; }

    /// <summary>Estimator settings.</summary>
    public EstimatorOptions Options { get; }

    /// <summary>B.</summary>
    public int BatchSize => X.Dim(0);

    /// <summary>n.</summary>
    public int InputDim => X.Dim(1);

    /// <summary>m.</summary>
    public int OutputDim => Network.OutputDim;

    /// <summary>f(X), [B, m].</summary>
    public Var<T> Output => _output ??= Forward(X);

    /// <summary>X + δ: <see cref="EstimatorOptions.PerturbationFlips"/> bit flips, or Gaussian δ of size <see cref="EstimatorOptions.PerturbationSize"/>.</summary>
    public Tensor<T> Perturbed => _perturbed ??= Input.Perturb(Rng, X, Options.PerturbationSize, Options.PerturbationFlips);

    /// <summary>f(X + δ).</summary>
    public Var<T> PerturbedOutput => _perturbedOutput ??= Forward(Perturbed);

    /// <summary>X_{t+1}: one step of a trajectory from X (one bit flip, or Gaussian step of size <see cref="EstimatorOptions.TimeStep"/>).</summary>
    public Tensor<T> Next => _next ??= Input.Perturb(Rng, X, Options.TimeStep, 1);

    /// <summary>f(X_{t+1}).</summary>
    public Var<T> NextOutput => _nextOutput ??= Forward(Next);

    /// <summary>True when Jacobian estimates use the full basis.</summary>
    public bool UsesFullJacobian => Options.Mode == JacobianMode.Full || (Options.Mode == JacobianMode.Auto && InputDim <= Options.FullJacobianMaxDim);

    /// <summary>The probes of ‖J‖²-type terms: the full basis for small n, else k Gaussian probes.</summary>
    public ProbeSet<T> Probes => _probes ??= UsesFullJacobian ? FullBasis : ProbeSet<T>.Gaussian(Rng, BatchSize, InputDim, Options.Probes);

    /// <summary>Probes that give Jacobian columns J e_i: the full basis for small n, else k sampled columns.</summary>
    public ProbeSet<T> Columns => _columns ??= UsesFullJacobian ? FullBasis : ProbeSet<T>.SampledBasis(Rng, BatchSize, InputDim, Options.Probes);

    /// <summary>All n basis vectors (the full Jacobian; used by the volume term at any n).</summary>
    public ProbeSet<T> FullBasis => _basis ??= ProbeSet<T>.FullBasis(BatchSize, InputDim);

    /// <summary>One random unit direction v per sample (directional discontinuity).</summary>
    public ProbeSet<T> Direction => _direction ??= ProbeSet<T>.UnitDirection(Rng, BatchSize, InputDim);

    /// <summary>Records f(x) for a constant input batch.</summary>
    public Var<T> Forward(Tensor<T> x) => Network.Forward(Tape.Input(x));

    /// <summary>
    /// J(at)·v for every probe, [k·B, m] probe-major: (f(at + hv) − f(at − hv)) / 2h from one stacked forward pass.
    /// Cached per (point, probe set).
    /// </summary>
    public Var<T> Jvp(Tensor<T> at, ProbeSet<T> probes)
    {
        if (_jvps.TryGetValue((at, probes), out var cached)) return cached;
        double h = Options.JvpStep * Input.Scale;
        int kb = probes.Count * BatchSize;
        var stacked = new Tensor<T>(2 * kb, InputDim);
        Shift(stacked, 0, at, (probes.Directions, h));
        Shift(stacked, kb, at, (probes.Directions, -h));
        var f = Forward(stacked);
        var jv = f.Slice(0, 0, kb).Subtract(f.Slice(0, kb, kb)).Scale(T.CreateTruncating(1 / (2 * h)));
        _jvps[(at, probes)] = jv;
        return jv;
    }

    /// <summary>The random pairs (u_a, v_a) of the Hessian terms, k = <see cref="EstimatorOptions.HessianProbes"/> Gaussian pairs.</summary>
    public (ProbeSet<T> U, ProbeSet<T> V) HessianProbes
    {
        get
        {
            _hessU ??= ProbeSet<T>.Gaussian(Rng, BatchSize, InputDim, Options.HessianProbes);
            _hessV ??= ProbeSet<T>.Gaussian(Rng, BatchSize, InputDim, Options.HessianProbes);
            return (_hessU, _hessV);
        }
    }

    /// <summary>
    /// H(at)[u_a, v_a] ∈ ℝᵐ for the <see cref="HessianProbes"/>, [k·B, m]: the central difference of JVPs
    /// (J(at + hu)v − J(at − hu)v) / 2h with each JVP a central difference of step h —
    /// (f(+u+v) − f(+u−v) − f(−u+v) + f(−u−v)) / 4h², one stacked forward pass. For independent Gaussian u, v,
    /// E‖H[u, v]‖² = Σ_{o,i,j} H_oij² = ‖H‖²_F.
    /// </summary>
    public Var<T> Hvp(Tensor<T> at)
    {
        if (_hvps.TryGetValue(at, out var cached)) return cached;
        var (u, v) = HessianProbes;
        double h = Options.HessianStep * Input.Scale;
        int kb = u.Count * BatchSize;
        var stacked = new Tensor<T>(4 * kb, InputDim);
        Shift(stacked, 0, at, (u.Directions, h), (v.Directions, h));
        Shift(stacked, kb, at, (u.Directions, h), (v.Directions, -h));
        Shift(stacked, 2 * kb, at, (u.Directions, -h), (v.Directions, h));
        Shift(stacked, 3 * kb, at, (u.Directions, -h), (v.Directions, -h));
        var f = Forward(stacked);
        var hv = f.Slice(0, 0, kb).Subtract(f.Slice(0, kb, kb)).Subtract(f.Slice(0, 2 * kb, kb)).Add(f.Slice(0, 3 * kb, kb))
            .Scale(T.CreateTruncating(1 / (4 * h * h)));
        _hvps[at] = hv;
        return hv;
    }

    /// <summary>Sums probe-major per-row values [k·B] over the k probes with weight <paramref name="weight"/>, giving [B].</summary>
    public Var<T> SumOverProbes(Var<T> perRow, int k, double weight) =>
        perRow.Reshape(k, BatchSize).Sum(0).Scale(T.CreateTruncating(weight));

    /// <summary>All trainable parameters brought onto the tape (for weight penalties).</summary>
    public IEnumerable<Var<T>> TrackedParameters() => Network.Parameters().Select(p => Tape.Track(p));

    /// <summary>Fills rows [row0, row0 + k·B) of <paramref name="dst"/> with at[b] + Σ c·dir[a·B + b].</summary>
    private void Shift(Tensor<T> dst, int row0, Tensor<T> at, params (Tensor<T> Dir, double C)[] terms)
    {
        int b = BatchSize, n = InputDim, rows = terms[0].Dir.Dim(0);
        for (int r = 0; r < rows; r++)
        {
            var d = dst.Row(row0 + r);
            at.Row(r % b).CopyTo(d);
            foreach (var (dir, c) in terms)
            {
                var s = dir.Row(r);
                T ct = T.CreateTruncating(c);
                for (int i = 0; i < n; i++) d[i] += ct * s[i];
            }
        }
    }
}
