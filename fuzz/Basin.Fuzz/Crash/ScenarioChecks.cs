using Basin.Tensors.IO;

namespace Basin.Fuzz.Crash;

/// <summary>Shared checks of the crash scenarios: tensors and metadata of two safetensors files.</summary>
public static class ScenarioChecks
{
    /// <summary>Whether two safetensors files hold the same tensors bit for bit, whether their bytes are equal, and which metadata keys differ.</summary>
    public static (bool Tensors, bool Bytes, string Note) Compare(string a, string b, IReadOnlyCollection<string>? ignoreKeys = null)
    {
        var x = SafeTensors.Load(a);
        var y = SafeTensors.Load(b);
        bool tensors = x.Names.OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(y.Names.OrderBy(n => n, StringComparer.Ordinal))
                       && x.Names.All(n => Bits(x, n).SequenceEqual(Bits(y, n)));
        bool bytes = File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
        var differ = x.Metadata.Keys.Union(y.Metadata.Keys)
            .Where(k => !x.Metadata.TryGetValue(k, out var u) || !y.Metadata.TryGetValue(k, out var v) || u != v)
            .Where(k => ignoreKeys is null || !ignoreKeys.Contains(k))
            .Order(StringComparer.Ordinal).ToArray();
        return (tensors, bytes, differ.Length == 0 ? "" : "metadata differs: " + string.Join(", ", differ));
    }

    private static long[] Bits(TensorBundle b, string name) =>
        b.IsFloat(name)
            ? b.GetFloat(name).Contiguous().Span.ToArray().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray()
            : b.GetDouble(name).Contiguous().Span.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>Deletes the listed files (absent ones are fine).</summary>
    public static void Delete(params string[] paths)
    {
        foreach (var p in paths) File.Delete(p);
    }
}
