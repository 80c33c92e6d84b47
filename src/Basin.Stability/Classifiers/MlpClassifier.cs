using Basin.Autodiff;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Stability.Classifiers;

/// <summary>
/// A ReLU MLP (or, with no hidden layer, a logistic regression) over pixels in [0,1], trained with cross-entropy; scores
/// are the logits. Files: safetensors with the module's state dict and metadata <c>format = basin.mlp.v1</c> or
/// <c>basin.logreg.v1</c> and <c>widths</c>.
/// </summary>
public sealed class MlpClassifier : IClassifier
{
    /// <summary>Wraps a network with the given layer widths (first = D, last = K).</summary>
    public MlpClassifier(int[] widths, ulong seed = 1)
    {
        if (widths.Length < 2) throw new ArgumentException("An MLP needs at least input and output widths.");
        Widths = widths;
        Network = new Mlp<double>(widths, Activation.Relu, new Rng(seed));
    }

    /// <summary>Layer widths.</summary>
    public int[] Widths { get; }

    /// <summary>The network (logits).</summary>
    public Mlp<double> Network { get; }

    /// <summary>True for a single linear layer (logistic regression).</summary>
    public bool IsLinear => Widths.Length == 2;

    /// <summary>The robust-training recipe it was trained with (file metadata <c>robust</c>, e.g. <c>pgd:eps=0.1,steps=5,step=0.05</c>); null: plain training.</summary>
    public string? Recipe { get; set; }

    /// <inheritdoc/>
    /// <remarks>The recipe, when there is one, is part of the name, so results and figures tell the plain and the robust-trained model apart.</remarks>
    public string Name => (IsLinear ? $"logistic regression {Widths[0]}-{Widths[1]}" : $"ReLU MLP {string.Join('-', Widths)}") + (Recipe is { } r ? $" ({r})" : "");

    /// <inheritdoc/>
    public int Dimension => Widths[0];

    /// <inheritdoc/>
    public int Classes => Widths[^1];

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores)
    {
        using var _ = Autograd.NoGrad();
        var y = Network.Forward(Var<double>.Constant(Tensor.FromSpan(x[..(batch * Dimension)], batch, Dimension)));
        y.Value.Span.CopyTo(scores);
    }

    /// <inheritdoc/>
    public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores) =>
        ModuleGradient.Input(Network, Dimension, Classes, x, batch, gradScores, gradX, scores);

    /// <summary>Saves the weights (atomically) with their format tag.</summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? provenance = null)
    {
        var b = new TensorBundle(path);
        foreach (var (name, t) in Network.StateDict()) b.Add(name, t);
        b.Metadata["format"] = IsLinear ? LogRegFormat : MlpFormat;
        b.Metadata["widths"] = string.Join(',', Widths);
        if (Recipe != null) b.Metadata["robust"] = Recipe;
        if (provenance != null) foreach (var (k, v) in provenance) b.Metadata[k] = v;
        SafeTensors.Save(path, b);
    }

    /// <summary>Format tag of a ReLU MLP file.</summary>
    public const string MlpFormat = "basin.mlp.v1";

    /// <summary>Format tag of a logistic-regression file.</summary>
    public const string LogRegFormat = "basin.logreg.v1";

    /// <summary>Loads a file written by <see cref="Save"/>.</summary>
    public static MlpClassifier Load(string path) => FromBundle(SafeTensors.Load(path));

    /// <summary>Builds from a loaded bundle.</summary>
    public static MlpClassifier FromBundle(TensorBundle b)
    {
        if (!b.Metadata.TryGetValue("format", out var f) || f is not (MlpFormat or LogRegFormat))
            throw new InvalidDataException($"{b.Source}: not a Basin MLP / logistic-regression file (format '{f ?? "missing"}').");
        int[] widths;
        try { widths = b.GetMetadata("widths").Split(',').Select(int.Parse).ToArray(); }
        catch (FormatException) { throw new InvalidDataException($"{b.Source}: invalid 'widths' metadata."); }
        var c = new MlpClassifier(widths);
        var state = c.Network.StateDict().Keys.ToDictionary(k => k, k => b.GetDouble(k, c.Network.StateDict()[k].Shape.ToArray()));
        c.Network.LoadStateDict(state);
        c.Recipe = b.Metadata.GetValueOrDefault("robust");
        return c;
    }
}
