using System.Globalization;
using Basin.Dfsa.Networks;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.Obfuscation.Transform;

/// <summary>
/// Key files: a safetensors bundle (written atomically) holding the coupling network's float64 weights in the DFSA
/// model format plus metadata <c>obf_format = basin-obf-key v2</c>, <c>secret</c> (base64), <c>dim</c>,
/// <c>geometry</c>, <c>center</c>, <c>scale</c> and <c>fingerprint</c>. The file is the key: keep it private.
/// Loading recomputes the fingerprint and refuses a file whose contents no longer match it.
/// </summary>
public static class KeyFile
{
    /// <summary>Writes <paramref name="key"/> to <paramref name="path"/> (temp file + rename).</summary>
    public static void Save(ObfuscationKey key, string path)
    {
        var inv = CultureInfo.InvariantCulture;
        DfsaModelFile.Save(path, key.Network, new Dictionary<string, string>
        {
            ["obf_format"] = ObfuscationKey.Format,
            ["secret"] = Convert.ToBase64String(key.Secret),
            ["dim"] = key.Dim.ToString(inv),
            ["geometry"] = key.Geometry.ToString("R", inv),
            ["center"] = key.Center.ToString("R", inv),
            ["scale"] = key.Scale.ToString("R", inv),
            ["fingerprint"] = key.Fingerprint,
            ["preset"] = "obfuscation",
        });
    }

    /// <summary>Reads a key file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">Not a key file, malformed, or altered (fingerprint mismatch).</exception>
    public static ObfuscationKey Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"key file '{path}' does not exist");
        TensorBundle bundle;
        try { bundle = SafeTensors.Load(path); }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or System.Text.Json.JsonException or ArgumentException or OverflowException)
        {
            throw new FormatException($"{path}: not a key file ({e.Message})");
        }
        if (!bundle.Metadata.TryGetValue("obf_format", out var fmt) || fmt != ObfuscationKey.Format)
            throw new FormatException($"{path}: not a {ObfuscationKey.Format} key file");
        ObfuscationKey key;
        try
        {
            var inv = CultureInfo.InvariantCulture;
            var net = DfsaModelFile.FromBundle<double>(bundle) as CouplingNetwork<double>
                ?? throw new FormatException("the stored network is not a coupling network");
            key = new ObfuscationKey(Convert.FromBase64String(bundle.Metadata["secret"]), int.Parse(bundle.Metadata["dim"], inv),
                double.Parse(bundle.Metadata["geometry"], inv), double.Parse(bundle.Metadata["center"], inv), double.Parse(bundle.Metadata["scale"], inv), net);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or ArgumentException or InvalidDataException or OverflowException or TensorShapeException)
        {
            throw new FormatException($"{path}: malformed key file ({e.Message})");
        }
        if (!bundle.Metadata.TryGetValue("fingerprint", out var fp) || fp != key.Fingerprint)
            throw new FormatException($"{path}: the fingerprint does not match the key's contents (file altered or damaged)");
        return key;
    }
}
