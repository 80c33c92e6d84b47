namespace Basin.Tensors.IO;

/// <summary>
/// Named float/double tensors plus string metadata: the in-memory form of a safetensors file.
/// Names keep their insertion (or file) order. Getters convert between float and double on request and
/// throw <see cref="InvalidDataException"/> naming the file and the tensor when it is missing or mis-shaped.
/// </summary>
public sealed class TensorBundle
{
    private readonly List<string> _order = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates an empty bundle; <paramref name="source"/> names it in error messages.</summary>
    public TensorBundle(string source = "<bundle>") => Source = source;

    /// <summary>The file path or description used in error messages.</summary>
    public string Source { get; }

    /// <summary>The <c>__metadata__</c> string map.</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>Tensor names in order.</summary>
    public IReadOnlyList<string> Names => _order;

    /// <summary>Number of tensors.</summary>
    public int Count => _order.Count;

    /// <summary>Whether a tensor of this name exists.</summary>
    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Adds or replaces a float tensor (kept by reference).</summary>
    public TensorBundle Add(string name, Tensor<float> tensor) => Put(name, new Entry(SafeTensorsDType.F32, tensor, null));

    /// <summary>Adds or replaces a double tensor (kept by reference).</summary>
    public TensorBundle Add(string name, Tensor<double> tensor) => Put(name, new Entry(SafeTensorsDType.F64, null, tensor));

    internal void AddLoaded(string name, SafeTensorsDType dtype, Tensor<float>? f, Tensor<double>? d)
    {
        if (!_entries.ContainsKey(name)) _order.Add(name);
        _entries[name] = new Entry(dtype, f, d);
    }

    /// <summary>The dtype the tensor had in its file (F32 or F64 for tensors added in memory).</summary>
    public SafeTensorsDType DTypeOf(string name) => Get(name).DType;

    /// <summary>The tensor's shape.</summary>
    public int[] ShapeOf(string name)
    {
        var e = Get(name);
        return (e.Float is not null ? e.Float.Shape : e.Double!.Shape).ToArray();
    }

    /// <summary>Whether the tensor is held in single precision.</summary>
    public bool IsFloat(string name) => Get(name).Float is not null;

    /// <summary>The tensor as float (the stored instance when it is float, else a converted copy);
    /// when a non-empty <paramref name="expectedShape"/> is given, its shape must match.</summary>
    public Tensor<float> GetFloat(string name, params int[]? expectedShape)
    {
        var e = Get(name);
        var t = e.Float ?? Tensor.Cast<double, float>(e.Double!);
        CheckShape(name, t.Shape, expectedShape);
        return t;
    }

    /// <summary>The tensor as double (the stored instance when it is double, else a converted copy);
    /// when a non-empty <paramref name="expectedShape"/> is given, its shape must match.</summary>
    public Tensor<double> GetDouble(string name, params int[]? expectedShape)
    {
        var e = Get(name);
        var t = e.Double ?? Tensor.Cast<float, double>(e.Float!);
        CheckShape(name, t.Shape, expectedShape);
        return t;
    }

    /// <summary>A metadata value, or a <see cref="InvalidDataException"/> naming the missing key.</summary>
    public string GetMetadata(string key) =>
        Metadata.TryGetValue(key, out var v) ? v : throw ModelFileError.Create(Source, $"metadata key '{key}' not found.");

    internal (Tensor<float>? F, Tensor<double>? D) Raw(string name)
    {
        var e = Get(name);
        return (e.Float, e.Double);
    }

    private TensorBundle Put(string name, Entry e)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) throw new ArgumentException("Tensor names must not be empty.", nameof(name));
        if (name == "__metadata__") throw new ArgumentException("'__metadata__' is reserved for the metadata map.", nameof(name));
        if (!_entries.ContainsKey(name)) _order.Add(name);
        _entries[name] = e;
        return this;
    }

    private Entry Get(string name)
    {
        if (_entries.TryGetValue(name, out var e)) return e;
        string have = _order.Count == 0 ? "none" : string.Join(", ", _order.Take(20)) + (_order.Count > 20 ? ", …" : "");
        throw ModelFileError.Create(Source, $"tensor '{name}' not found (tensors: {have}).");
    }

    private void CheckShape(string name, ReadOnlySpan<int> actual, int[]? expected)
    {
        if (expected is null || expected.Length == 0) return;
        if (!actual.SequenceEqual(expected))
            throw ModelFileError.Create(Source, $"tensor '{name}' has shape {Shapes.Format(actual)}, expected {Shapes.Format(expected)}.");
    }

    private sealed record Entry(SafeTensorsDType DType, Tensor<float>? Float, Tensor<double>? Double);
}
