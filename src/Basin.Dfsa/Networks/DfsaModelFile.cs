using Basin.Tensors.IO;

namespace Basin.Dfsa.Networks;

/// <summary>
/// DFSA model files (safetensors through <see cref="TensorBundle"/>, written atomically): parameters under their
/// module names (<c>mlp.layers.0.weight</c>, <c>coupling3.layers.1.bias</c>, …), buffers under <c>buffer.</c> + name
/// (<c>buffer.perm.0</c>), and metadata <c>format = basin.dfsa.v1</c>, <c>architecture</c>, <c>network</c> (the
/// <see cref="NetworkSpec"/> as JSON) plus the caller's provenance (<c>preset</c>, <c>terms</c>, <c>input</c>,
/// <c>steps</c>, <c>seed</c>, …). Tensors keep the network's element type (F32 or F64) bit for bit.
/// </summary>
public static class DfsaModelFile
{
    /// <summary>Format tag in the metadata.</summary>
    public const string Format = "basin.dfsa.v1";

    /// <summary>Prefix of buffer tensors.</summary>
    public const string BufferPrefix = "buffer.";

    /// <summary>Adds the network (tensors and spec) to <paramref name="bundle"/>.</summary>
    public static TensorBundle AddTo<T>(TensorBundle bundle, DfsaNetwork<T> network) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (name, p) in network.NamedParameters()) Add(bundle, name, p.Value);
        foreach (var (name, t) in network.Buffers()) Add(bundle, BufferPrefix + name, t);
        bundle.Metadata["format"] = Format;
        bundle.Metadata["architecture"] = network.Spec.Architecture.ToString();
        bundle.Metadata["network"] = network.Spec.ToJson();
        return bundle;
    }

    /// <summary>Writes a model file with optional metadata (provenance).</summary>
    public static void Save<T>(string path, DfsaNetwork<T> network, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bundle = new TensorBundle(path);
        if (metadata != null) foreach (var (k, v) in metadata) bundle.Metadata[k] = v;
        AddTo(bundle, network);
        SafeTensors.Save(path, bundle);
    }

    /// <summary>Loads a model file as a network with element type <typeparamref name="T"/> (values converted).</summary>
    public static (DfsaNetwork<T> Network, IReadOnlyDictionary<string, string> Metadata) Load<T>(string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bundle = SafeTensors.Load(path);
        return (FromBundle<T>(bundle), bundle.Metadata);
    }

    /// <summary>Builds the network stored in <paramref name="bundle"/>.</summary>
    public static DfsaNetwork<T> FromBundle<T>(TensorBundle bundle) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!bundle.Metadata.TryGetValue("format", out var fmt) || fmt != Format)
            throw new InvalidDataException($"{bundle.Source}: not a DFSA model (metadata 'format' is '{fmt ?? "missing"}', expected '{Format}').");
        var spec = NetworkSpec.FromJson(bundle.GetMetadata("network"));
        var network = spec.Create<T>(new Rng(0));
        var state = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (name, p) in network.NamedParameters()) state[name] = Get<T>(bundle, name, p.Value.Shape.ToArray());
        try
        {
            network.LoadStateDict(state);
        }
        catch (Exception e) when (e is KeyNotFoundException or TensorShapeException)
        {
            throw new InvalidDataException($"{bundle.Source}: {e.Message}", e);
        }
        var buffers = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var name in bundle.Names)
            if (name.StartsWith(BufferPrefix, StringComparison.Ordinal)) buffers[name[BufferPrefix.Length..]] = Get<T>(bundle, name, null);
        network.LoadBuffers(buffers);
        foreach (var (name, p) in network.NamedParameters())
            if (p.Value.HasNonFinite()) throw new InvalidDataException($"{bundle.Source}: parameter '{name}' holds non-finite values.");
        return network;
    }

    private static void Add<T>(TensorBundle bundle, string name, Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) bundle.Add(name, (Tensor<float>)(object)t.Contiguous().Clone());
        else bundle.Add(name, Tensor.Cast<T, double>(t.Contiguous()));
    }

    private static Tensor<T> Get<T>(TensorBundle bundle, string name, int[]? shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!bundle.Contains(name)) throw new InvalidDataException($"{bundle.Source}: tensor '{name}' is missing.");
        var d = bundle.GetDouble(name, shape);
        return Tensor.Cast<double, T>(d);
    }
}
