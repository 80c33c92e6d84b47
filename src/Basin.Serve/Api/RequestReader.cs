using System.Text.Json;
using Basin.Data.Images;
using Basin.Serve.Flow;
using Basin.Serve.Models;
using Microsoft.AspNetCore.Http;

namespace Basin.Serve.Api;

/// <summary>A parsed classify or attack request: the model, the input (prepared when it came as an image), the flow settings and the attack's fields.</summary>
public sealed record ImageRequest(ServedModel Model, float[] Pixels, FlowSettings Settings, string? Attack, double Eps, ulong Seed);

/// <summary>
/// Reads a request body: JSON <c>{"model", "pixels": [N numbers] | "image": base64, "steps", "dt", "solver", "frames",
/// "attack", "eps", "seed"}</c>, or an encoded image (any other content type) with those fields as query parameters.
/// Images are decoded and prepared like MNIST (<see cref="MnistPreparation"/>). Bodies over the limit get 413, malformed
/// ones 400, non-images 415.
/// </summary>
public static class RequestReader
{
    /// <summary>The body, at most <paramref name="limit"/> bytes (413 beyond).</summary>
    public static async Task<byte[]> BodyAsync(HttpRequest request, long limit, CancellationToken cancel)
    {
        if (request.ContentLength > limit) throw new ApiException(413, $"the body is {request.ContentLength} bytes; the limit is {limit}.");
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancel)) > 0)
        {
            if (ms.Length + read > limit) throw new ApiException(413, $"the body exceeds the limit of {limit} bytes.");
            ms.Write(buffer, 0, read);
        }
        return ms.ToArray();
    }

    /// <summary>Parses a classify/attack request.</summary>
    public static async Task<ImageRequest> ReadAsync(HttpRequest request, ModelRegistry models, long limit, CancellationToken cancel)
    {
        var body = await BodyAsync(request, limit, cancel);
        if (body.Length == 0) throw ApiException.BadRequest("the body is empty: send JSON {\"pixels\": […]} or an image.");
        bool json = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (!json)
        {
            var q = request.Query;
            var model = models.Get(q["model"]);
            var settings = new FlowSettings(Int(q["steps"], 200), Double(q["dt"], 0.1), q["solver"].FirstOrDefault() ?? "euler", Int(q["frames"], 25));
            return new ImageRequest(model, Prepare(body, model.N), settings, q["attack"], Double(q["eps"], 0.1), (ulong)Int(q["seed"], 1));
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e) { throw ApiException.BadRequest($"the body is not valid JSON: {e.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw ApiException.BadRequest("the JSON body must be an object.");
            var model = models.Get(Str(root, "model"));
            float[] pixels;
            if (root.TryGetProperty("pixels", out var px))
            {
                if (px.ValueKind != JsonValueKind.Array) throw ApiException.BadRequest("'pixels' must be an array of numbers.");
                pixels = new float[px.GetArrayLength()];
                int i = 0;
                foreach (var v in px.EnumerateArray())
                {
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d))
                        throw ApiException.BadRequest($"pixel {i} is {v.GetRawText()}, not a number (NaN and ∞ are not pixels).");
                    pixels[i++] = (float)d;
                }
                FlowService.CheckPixels(pixels, model.N);
            }
            else if (Str(root, "image") is { } b64)
            {
                int comma = b64.StartsWith("data:", StringComparison.Ordinal) ? b64.IndexOf(',') : -1;
                byte[] bytes;
                try { bytes = Convert.FromBase64String(b64[(comma + 1)..]); }
                catch (FormatException) { throw ApiException.BadRequest("'image' is not base64."); }
                pixels = Prepare(bytes, model.N);
            }
            else throw ApiException.BadRequest("give 'pixels' (N numbers in [0, 1]) or 'image' (a base64 PNG/JPEG).");
            var settings = new FlowSettings(IntP(root, "steps", 200), DoubleP(root, "dt", 0.1), Str(root, "solver") ?? "euler", IntP(root, "frames", 25));
            return new ImageRequest(model, pixels, settings, Str(root, "attack"), DoubleP(root, "eps", 0.1), (ulong)IntP(root, "seed", 1));
        }
    }

    /// <summary>Decodes and prepares an image for a model of <paramref name="n"/> pixels: 415 for non-images, 422 for blank ones.</summary>
    public static float[] Prepare(byte[] bytes, int n)
    {
        GrayImage image;
        try { image = ImageDecoder.Decode(bytes); }
        catch (InvalidDataException e) { throw new ApiException(415, $"the body is {e.Message}"); }
        try { return MnistPreparation.Prepare(image, MnistPreparationOptions.ForPixels(n)); }
        catch (InvalidDataException e) { throw new ApiException(422, e.Message); }
        catch (ArgumentException e) { throw ApiException.BadRequest(e.Message); }
    }

    private static string? Str(JsonElement o, string name) =>
        !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : throw ApiException.BadRequest($"'{name}' must be a string.");

    private static int IntP(JsonElement o, string name, int fallback) =>
        !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? fallback
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw ApiException.BadRequest($"'{name}' must be an integer.");

    private static double DoubleP(JsonElement o, string name, double fallback) =>
        !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? fallback
        : v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw ApiException.BadRequest($"'{name}' must be a finite number.");

    /// <summary>An integer query parameter (400 when malformed).</summary>
    public static int Int(string? s, int fallback) =>
        string.IsNullOrEmpty(s) ? fallback : int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : throw ApiException.BadRequest($"'{s}' is not an integer.");

    /// <summary>A number query parameter (400 when malformed or not finite).</summary>
    public static double Double(string? s, double fallback) =>
        string.IsNullOrEmpty(s) ? fallback
        : double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
        : throw ApiException.BadRequest($"'{s}' is not a finite number.");
}
