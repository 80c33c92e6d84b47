namespace Basin.Autodiff;

/// <summary>
/// A differentiable function with named parameters and sub-modules. Names are dotted paths in registration order
/// (<c>layers.0.weight</c>), so <see cref="NamedParameters"/> is deterministic and a model saves and loads by name.
/// </summary>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(string Name, Parameter<T> Parameter)> _parameters = new();
    private readonly List<(string Name, Module<T> Module)> _modules = new();

    /// <summary>Applies the module to a batch.</summary>
    public abstract Var<T> Forward(Var<T> x);

    /// <summary>Registers a trainable tensor under <paramref name="name"/> and returns its parameter.</summary>
    protected Parameter<T> RegisterParameter(string name, Tensor<T> value)
    {
        CheckName(name);
        var p = new Parameter<T>(value);
        _parameters.Add((name, p));
        return p;
    }

    /// <summary>Registers a child module whose parameters appear as <c>name.child</c>.</summary>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        CheckName(name);
        _modules.Add((name, module));
        return module;
    }

    /// <summary>All parameters, depth-first: this module's own first, then each child's, in registration order.</summary>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters()
    {
        foreach (var p in _parameters) yield return p;
        foreach (var (prefix, m) in _modules)
            foreach (var (n, p) in m.NamedParameters()) yield return (prefix + "." + n, p);
    }

    /// <summary>All parameters in <see cref="NamedParameters"/> order.</summary>
    public IEnumerable<Parameter<T>> Parameters() => NamedParameters().Select(static np => np.Parameter);

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => Parameters().Sum(static p => (long)p.Value.Length);

    /// <summary>Zeroes every parameter gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Copies of all parameter values keyed by name.</summary>
    public Dictionary<string, Tensor<T>> StateDict()
    {
        var d = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (n, p) in NamedParameters()) d[n] = p.Value.Clone();
        return d;
    }

    /// <summary>Copies values into the parameters by name; with <paramref name="strict"/> every name must match both ways.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor<T>> state, bool strict = true)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (n, p) in NamedParameters())
        {
            names.Add(n);
            if (!state.TryGetValue(n, out var t))
            {
                if (strict) throw new KeyNotFoundException($"LoadStateDict: no tensor named '{n}'.");
                continue;
            }
            if (!t.SameShape(p.Value))
                throw new TensorShapeException($"LoadStateDict: '{n}' has shape {Shapes.Format(t.Shape)}, the parameter {Shapes.Format(p.Value.Shape)}.");
            t.CopyTo(p.Value);
        }
        if (strict)
            foreach (var k in state.Keys)
                if (!names.Contains(k)) throw new KeyNotFoundException($"LoadStateDict: unexpected tensor '{k}'.");
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.')) throw new ArgumentException($"Invalid name '{name}': non-empty, no dots.", nameof(name));
        if (_parameters.Any(p => p.Name == name) || _modules.Any(m => m.Name == name)) throw new ArgumentException($"Name '{name}' is already registered.", nameof(name));
    }
}
