using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Basin.Tensors.IO;

/// <summary>
/// The one JSON setup of every Basin report, result record and <c>--json</c> output: indented, non-ASCII characters
/// (ε, Φ, λ, ‖·‖) written as themselves rather than \u escapes, snake_case property names for records, and non-finite
/// numbers written as null by <see cref="Finite"/> (JSON has no ∞ or NaN).
/// </summary>
public static class JsonOutput
{
    /// <summary>Serializer options for reports and records.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>A JSON number, or null for ±∞ and NaN.</summary>
    public static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    /// <summary>A JSON array of numbers, ±∞ and NaN as null.</summary>
    public static JsonArray FiniteArray(IEnumerable<double> values) => new(values.Select(Finite).ToArray());

    /// <summary>The text of <paramref name="node"/> with <see cref="Options"/>.</summary>
    public static string ToText(JsonNode node) => node.ToJsonString(Options);

    /// <summary>The text of a record or object with <see cref="Options"/>.</summary>
    public static string ToText<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Atomically writes <paramref name="node"/> to <paramref name="path"/> (UTF-8, newline-terminated).</summary>
    public static void Write(string path, JsonNode node) =>
        AtomicFile.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(ToText(node) + "\n"));

    /// <summary>Reads a JSON file, with one clear error (<see cref="InvalidDataException"/>) for malformed content or duplicate keys.</summary>
    public static JsonNode Read(string path)
    {
        try
        {
            // Duplicate keys are refused while parsing: JsonNode would otherwise throw ArgumentException on first access.
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })
                   ?? throw new InvalidDataException($"{path}: empty JSON document.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).");
        }
    }
}
