using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Basin.Tensors;
using Basin.Tensors.IO;

namespace Basin.SaNode;

/// <summary>
/// SA-nODE model files in the safetensors format: tensors <c>phi_train</c> [N, N−K], <c>lambda</c> [N−K] and
/// <c>gamma</c> [1]; metadata <c>format = basin.sanode.v1</c>, the configuration as JSON, and free-form provenance
/// (dataset, recipe, epochs, accuracy). Written atomically; any inconsistency on load is an <see cref="InvalidDataException"/>.
/// </summary>
public static class SaNodeFile
{
    /// <summary>Format tag stored in the metadata.</summary>
    public const string Format = "basin.sanode.v1";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Adds the model's tensors and configuration to <paramref name="bundle"/>.</summary>
    public static TensorBundle AddTo<T>(TensorBundle bundle, SaNodeModel<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bundle.Add("phi_train", Tensor.Cast<T, float>(model.PhiTrain));
        bundle.Add("lambda", Tensor.Cast<T, float>(model.Lambda));
        bundle.Add("gamma", Tensor.FromSpan(new[] { (float)model.Gamma }, 1));
        bundle.Metadata["format"] = Format;
        bundle.Metadata["config"] = JsonSerializer.Serialize(ConfigDto.From(model.Config), Json);
        return bundle;
    }

    /// <summary>Writes a model file (atomically) with optional provenance metadata.</summary>
    public static void Save<T>(string path, SaNodeModel<T> model, IReadOnlyDictionary<string, string>? provenance = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bundle = AddTo(new TensorBundle(path), model);
        if (provenance != null) foreach (var (k, v) in provenance) bundle.Metadata[k] = v;
        SafeTensors.Save(path, bundle);
    }

    /// <summary>Loads a model file.</summary>
    public static SaNodeModel<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T> =>
        FromBundle<T>(SafeTensors.Load(path));

    /// <summary>Largest N a model file may declare: 4096 nodes (each N×N float64 matrix of the model is then 128 MiB; MNIST uses 784).</summary>
    public const int MaxNodes = 4096;

    /// <summary>Builds a model from a loaded bundle (a model file or a checkpoint).</summary>
    public static SaNodeModel<T> FromBundle<T>(TensorBundle bundle) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!bundle.Metadata.TryGetValue("format", out var fmt) || fmt != Format)
            throw new InvalidDataException($"{bundle.Source}: not an SA-nODE model (metadata 'format' is '{fmt ?? "missing"}', expected '{Format}').");
        SaNodeConfig config;
        try
        {
            config = (JsonSerializer.Deserialize<ConfigDto>(bundle.GetMetadata("config"), Json)
                      ?? throw new InvalidDataException("empty configuration")).ToConfig().Validate();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{bundle.Source}: invalid SA-nODE configuration: {e.Message}", e);
        }
        int n = config.N, m = n - config.K;
        // The model holds several N×N matrices: check N and the stored Φ_train before allocating them, so a header that
        // declares a huge N fails without allocating it.
        if (n > MaxNodes)
            throw new InvalidDataException($"{bundle.Source}: N = {n} nodes exceeds the largest model this reader loads ({MaxNodes}).");
        if (!bundle.Contains("phi_train") || !bundle.ShapeOf("phi_train").SequenceEqual([n, m]))
            throw new InvalidDataException($"{bundle.Source}: tensor 'phi_train' is missing or not {n}×{m} as the configuration (N = {n}, K = {config.K}) requires.");
        var model = new SaNodeModel<T>(config);
        Load(bundle, "phi_train", model.PhiTrain, n, m);
        Load(bundle, "lambda", model.Lambda, m);
        model.Gamma = bundle.GetDouble("gamma", 1).Span[0];
        if (!double.IsFinite(model.Gamma) || model.Gamma == 0) throw new InvalidDataException($"{bundle.Source}: γ = {model.Gamma} is not a usable well depth.");
        return model;
    }

    private static void Load<T>(TensorBundle bundle, string name, Tensor<T> dst, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = bundle.GetDouble(name, shape).Span;
        var d = dst.Span;
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(src[i]);
    }

    private sealed record ConfigDto(int N, int K, double A, double Gamma0, double Beta, double OrthogonalGain, double LambdaMean,
        double LambdaStd, double StabilityMargin, double OrthogonalityPenalty, string? Init = null)
    {
        public static ConfigDto From(SaNodeConfig c) => new(c.N, c.K, c.A, c.Gamma0, c.EffectiveBeta, c.OrthogonalGain, c.LambdaMean,
            c.LambdaStd, c.StabilityMargin, c.OrthogonalityPenalty, c.Init);

        public SaNodeConfig ToConfig() => new()
        {
            N = N, K = K, A = A, Gamma0 = Gamma0, Beta = Beta, OrthogonalGain = OrthogonalGain, LambdaMean = LambdaMean,
            LambdaStd = LambdaStd, StabilityMargin = StabilityMargin, OrthogonalityPenalty = OrthogonalityPenalty,
            Init = Init ?? "reference",
        };
    }

    /// <summary>Invariant-culture formatting for metadata values.</summary>
    public static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
