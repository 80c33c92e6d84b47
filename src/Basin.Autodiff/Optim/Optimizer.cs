using System.Globalization;

namespace Basin.Autodiff;

/// <summary>
/// Base of first-order optimisers over named parameters. <see cref="Step"/> first scans every gradient for NaN/∞
/// (policy: throw or skip) and only then updates weights in place; parameters without a gradient are left alone.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (string Name, Parameter<T> Parameter)[] _parameters;

    protected Optimizer(IEnumerable<(string Name, Parameter<T> Parameter)> parameters, double learningRate, NonFinitePolicy policy)
    {
        _parameters = parameters.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (n, _) in _parameters)
            if (!seen.Add(n)) throw new ArgumentException($"Duplicate parameter name '{n}'.", nameof(parameters));
        LearningRate = learningRate;
        Policy = policy;
        _scales = Enumerable.Repeat(1.0, _parameters.Length).ToArray();
    }

    private readonly double[] _scales;

    /// <summary>Multiplies the learning rate of the parameter called <paramref name="name"/> by <paramref name="scale"/> (a per-parameter group rate; a recipe setting, not part of the saved state).</summary>
    public void SetLearningRateScale(string name, double scale)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentException($"Learning-rate scale must be positive, got {scale}.", nameof(scale));
        int i = Array.FindIndex(_parameters, p => p.Name == name);
        if (i < 0) throw new ArgumentException($"No parameter called '{name}'.", nameof(name));
        _scales[i] = scale;
    }

    /// <summary>The learning rate applied to parameter <paramref name="index"/>: <see cref="LearningRate"/> times its scale.</summary>
    protected double LearningRateFor(int index) => LearningRate * _scales[index];

    /// <summary>The parameters in registration order.</summary>
    public IReadOnlyList<(string Name, Parameter<T> Parameter)> Parameters => _parameters;

    /// <summary>Learning rate (may be changed between steps by a schedule; saved with the state).</summary>
    public double LearningRate { get; set; }

    /// <summary>Handling of non-finite gradients.</summary>
    public NonFinitePolicy Policy { get; }

    /// <summary>Number of updates applied.</summary>
    public long StepCount { get; private set; }

    /// <summary>Number of steps skipped for non-finite gradients (with <see cref="NonFinitePolicy.Skip"/>).</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>Short kind name stored in the state (<c>Adam</c>, <c>Sgd</c>).</summary>
    protected abstract string Kind { get; }

    /// <summary>Applies one update; returns false when the step was skipped for non-finite gradients.</summary>
    public bool Step()
    {
        foreach (var (name, p) in _parameters)
        {
            if (p.Grad is not { } g) continue;
            var s = g.Span;
            for (int i = 0; i < s.Length; i++)
            {
                if (T.IsFinite(s[i])) continue;
                if (Policy == NonFinitePolicy.Skip) { SkippedSteps++; return false; }
                throw new NonFiniteGradientException(name, i, double.CreateTruncating(s[i]));
            }
        }
        StepCount++;
        for (int i = 0; i < _parameters.Length; i++)
            if (_parameters[i].Parameter.Grad is { } g) Update(i, _parameters[i].Parameter.Value.Span, g.Span);
        return true;
    }

    /// <summary>Zeroes every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in _parameters) p.ZeroGrad();
    }

    /// <summary>Updates parameter <paramref name="index"/> in place; <see cref="StepCount"/> already counts this step.</summary>
    protected abstract void Update(int index, Span<T> value, ReadOnlySpan<T> grad);

    /// <summary>Per-parameter buffers to save, by buffer name (e.g. <c>exp_avg</c>).</summary>
    protected abstract IEnumerable<(string Buffer, Tensor<T>[] PerParameter)> Buffers { get; }

    /// <summary>A copy of the full state: buffers as <c>name.buffer</c> tensors and the step count, learning rate and kind as metadata.</summary>
    public OptimizerState<T> GetState()
    {
        var tensors = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (buffer, per) in Buffers)
            for (int i = 0; i < _parameters.Length; i++) tensors[_parameters[i].Name + "." + buffer] = per[i].Clone();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["optimizer"] = Kind,
            ["step"] = StepCount.ToString(CultureInfo.InvariantCulture),
            ["skipped"] = SkippedSteps.ToString(CultureInfo.InvariantCulture),
            ["lr"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
        };
        return new OptimizerState<T>(tensors, meta);
    }

    /// <summary>Restores a state from <see cref="GetState"/> of an optimiser of the same kind over parameters with the same names and shapes.</summary>
    public void LoadState(OptimizerState<T> state)
    {
        if (!state.Metadata.TryGetValue("optimizer", out var kind) || kind != Kind)
            throw new ArgumentException($"LoadState: state is for optimiser '{kind}', this is '{Kind}'.", nameof(state));
        foreach (var (buffer, per) in Buffers)
            for (int i = 0; i < _parameters.Length; i++)
            {
                string key = _parameters[i].Name + "." + buffer;
                if (!state.Tensors.TryGetValue(key, out var t)) throw new KeyNotFoundException($"LoadState: missing tensor '{key}'.");
                if (!t.SameShape(per[i])) throw new TensorShapeException($"LoadState: '{key}' has shape {Shapes.Format(t.Shape)}, expected {Shapes.Format(per[i].Shape)}.");
                t.CopyTo(per[i]);
            }
        StepCount = long.Parse(state.Metadata["step"], CultureInfo.InvariantCulture);
        SkippedSteps = state.Metadata.TryGetValue("skipped", out var sk) ? long.Parse(sk, CultureInfo.InvariantCulture) : 0;
        LearningRate = double.Parse(state.Metadata["lr"], CultureInfo.InvariantCulture);
    }

    /// <summary>One zero tensor per parameter, shaped like it (for moment buffers).</summary>
    protected Tensor<T>[] ZerosLikeParameters() => _parameters.Select(p => new Tensor<T>(p.Parameter.Value.Shape.ToArray())).ToArray();
}
