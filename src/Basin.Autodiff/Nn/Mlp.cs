namespace Basin.Autodiff;

/// <summary>
/// Multi-layer perceptron widths[0] → widths[1] → … → widths[^1]: Linear layers (<c>layers.i</c>) with
/// <see cref="Activation"/> between them and <c>outputActivation</c> after the last.
/// </summary>
public sealed class Mlp<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Linear<T>[] _layers;

    /// <summary>Creates the network; weights use the activation's default initialisation unless <paramref name="init"/> is given.</summary>
    public Mlp(IReadOnlyList<int> widths, Activation activation, Rng rng, Activation outputActivation = Activation.Identity, Init? init = null)
    {
        if (widths.Count < 2) throw new ArgumentException("Mlp needs at least an input and an output width.", nameof(widths));
        Activation = activation;
        OutputActivation = outputActivation;
        _layers = new Linear<T>[widths.Count - 1];
        var layers = new LayerList();
        RegisterModule("layers", layers);
        for (int i = 0; i < _layers.Length; i++)
            _layers[i] = layers.Add(new Linear<T>(widths[i], widths[i + 1], rng, true, init ?? activation.DefaultInit()));
    }

    /// <summary>Hidden activation.</summary>
    public Activation Activation { get; }

    /// <summary>Activation after the last layer.</summary>
    public Activation OutputActivation { get; }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Linear<T>> Layers => _layers;

    /// <inheritdoc/>
    public override Var<T> Forward(Var<T> x)
    {
        for (int i = 0; i < _layers.Length; i++)
            x = (i < _layers.Length - 1 ? Activation : OutputActivation).Apply(_layers[i].Forward(x));
        return x;
    }

    private sealed class LayerList : Module<T>
    {
        private int _count;

        public Linear<T> Add(Linear<T> layer) => RegisterModule((_count++).ToString(System.Globalization.CultureInfo.InvariantCulture), layer);

        public override Var<T> Forward(Var<T> x) => throw new NotSupportedException();
    }
}
