using System.Globalization;
using System.Text.Json.Nodes;

namespace Basin.Obfuscation;

/// <summary>JSON key file: <c>{"format":"basin-obf-key v1","secret":base64,"dim","geometry","layers","scale","fingerprint"}</c>. The secret is the key; keep the file private.</summary>
public static class KeyFile
{
    /// <summary>Writes a key file.</summary>
    public static void Save(ObfuscationKey key, string path)
    {
        var o = new JsonObject
        {
            ["format"] = "basin-obf-key v1", ["secret"] = Convert.ToBase64String(key.Secret), ["dim"] = key.Dim,
            ["geometry"] = double.IsPositiveInfinity(key.Geometry) ? "inf" : key.Geometry.ToString("R", CultureInfo.InvariantCulture),
            ["layers"] = key.Layers, ["scale"] = key.Scale, ["fingerprint"] = key.Fingerprint,
        };
        File.WriteAllText(path, o.ToJsonString());
    }

    /// <summary>Reads a key file; refuses a malformed one or one whose stored fingerprint does not match its contents.</summary>
    public static ObfuscationKey Load(string path)
    {
        JsonNode? n;
        try { n = JsonNode.Parse(File.ReadAllText(path)); }
        catch (System.Text.Json.JsonException e) { throw new FormatException($"{path}: not a key file ({e.Message})"); }
        if (n?["format"]?.GetValue<string>() != "basin-obf-key v1") throw new FormatException($"{path}: not a basin-obf-key v1 file");
        ObfuscationKey key;
        try
        {
            var g = n["geometry"]!.GetValue<string>();
            key = new ObfuscationKey(Convert.FromBase64String(n["secret"]!.GetValue<string>()), n["dim"]!.GetValue<int>(),
                g == "inf" ? double.PositiveInfinity : double.Parse(g, CultureInfo.InvariantCulture), n["layers"]!.GetValue<int>(), n["scale"]!.GetValue<double>());
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new FormatException($"{path}: malformed key file ({e.Message})");
        }
        if (n["fingerprint"]?.GetValue<string>() is { } fp && fp != key.Fingerprint)
            throw new FormatException($"{path}: fingerprint does not match the key (file altered)");
        return key;
    }
}
