using System.Text.Json;
using System.Text.Json.Serialization;

namespace Basin.Dfsa.Networks;

/// <summary>The architectures a DFSA network can have.</summary>
public enum Architecture
{
    /// <summary>Multi-layer perceptron ℝⁿ → ℝᵐ (<see cref="MlpNetwork{T}"/>).</summary>
    Mlp,
    /// <summary>Invertible additive coupling network (NICE), volume preserving (<see cref="CouplingNetwork{T}"/>).</summary>
    AdditiveCoupling,
    /// <summary>Invertible affine coupling network (RealNVP) with bounded log-scales (<see cref="CouplingNetwork{T}"/>).</summary>
    AffineCoupling,
    /// <summary>Compositional pattern-producing network: pixel coordinates (u, v) → colour (<see cref="CppnNetwork{T}"/>).</summary>
    Cppn,
}

/// <summary>
/// Everything needed to rebuild a network's shape: stored as JSON in model files (metadata <c>network</c>) so a file
/// names its architecture. Weights and keyed permutations are stored as tensors beside it.
/// </summary>
/// <param name="Architecture">The architecture.</param>
/// <param name="InputDim">n, the input width (2 for a CPPN).</param>
/// <param name="OutputDim">m, the output width (equals n for coupling networks; 3 for an RGB CPPN).</param>
/// <param name="Hidden">Width of hidden layers (MLP, CPPN, coupling conditioners).</param>
/// <param name="Layers">Hidden layers of an MLP/CPPN, or coupling layers of a coupling network.</param>
/// <param name="ConditionerLayers">Hidden layers inside each coupling conditioner s(·), t(·).</param>
/// <param name="Activation">Hidden activation (<c>tanh</c>, <c>relu</c>, …; the CPPN alternates tanh and a Gaussian bump).</param>
/// <param name="OutputActivation">MLP output activation (<c>identity</c> or <c>tanh</c>).</param>
/// <param name="ScaleBound">Affine coupling: log-scales are s = S·tanh(raw/S) with S = this bound, so |s| &lt; S.</param>
/// <param name="InitGain">Multiplies every initial weight (a data-free network starts from its initialisation only).</param>
public sealed record NetworkSpec(
    Architecture Architecture,
    int InputDim,
    int OutputDim,
    int Hidden = 64,
    int Layers = 2,
    int ConditionerLayers = 1,
    string Activation = "tanh",
    string OutputActivation = "identity",
    double ScaleBound = 2.0,
    double InitGain = 1.0)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Checks the fields and returns this spec.</summary>
    public NetworkSpec Validate()
    {
        if (InputDim <= 0 || OutputDim <= 0) throw new ArgumentException($"Network widths must be positive (in {InputDim}, out {OutputDim}).");
        if (Hidden <= 0 || Layers < 0 || ConditionerLayers < 0) throw new ArgumentException("Hidden width must be positive and layer counts non-negative.");
        if (Architecture is Architecture.AdditiveCoupling or Architecture.AffineCoupling)
        {
            if (InputDim != OutputDim) throw new ArgumentException($"A coupling network maps ℝⁿ → ℝⁿ; got in {InputDim}, out {OutputDim}.");
            if (InputDim < 2) throw new ArgumentException("A coupling network needs at least 2 dimensions.");
            if (Layers < 1) throw new ArgumentException("A coupling network needs at least one coupling layer.");
        }
        if (Architecture == Architecture.Cppn && InputDim != 2) throw new ArgumentException($"A CPPN takes 2 pixel coordinates; got in {InputDim}.");
        if (!(ScaleBound > 0) || !(InitGain > 0)) throw new ArgumentException("ScaleBound and InitGain must be positive.");
        ActivationNames.Parse(Activation);
        ActivationNames.Parse(OutputActivation);
        return this;
    }

    /// <summary>Builds a freshly initialised network; <paramref name="rng"/> draws the weights and the keyed permutations.</summary>
    public DfsaNetwork<T> Create<T>(Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate();
        return Architecture switch
        {
            Architecture.Mlp => new MlpNetwork<T>(this, rng),
            Architecture.AdditiveCoupling or Architecture.AffineCoupling => new CouplingNetwork<T>(this, rng),
            Architecture.Cppn => new CppnNetwork<T>(this, rng),
            _ => throw new ArgumentOutOfRangeException(nameof(Architecture)),
        };
    }

    /// <summary>The spec as compact JSON (snake_case).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses <see cref="ToJson"/> output; malformed JSON or a spec that fails <see cref="Validate"/> is an <see cref="InvalidDataException"/>.</summary>
    public static NetworkSpec FromJson(string json)
    {
        try
        {
            return (JsonSerializer.Deserialize<NetworkSpec>(json, Json) ?? throw new InvalidDataException("empty network spec")).Validate();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"invalid network spec: {e.Message}", e);
        }
    }

    /// <summary>Parses an architecture name: <c>mlp</c>, <c>additive</c>, <c>affine</c>, <c>cppn</c>.</summary>
    public static Architecture ParseArchitecture(string name) => name.Trim().ToLowerInvariant() switch
    {
        "mlp" => Architecture.Mlp,
        "additive" or "additive_coupling" or "nice" => Architecture.AdditiveCoupling,
        "affine" or "affine_coupling" or "realnvp" => Architecture.AffineCoupling,
        "cppn" => Architecture.Cppn,
        _ => throw new ArgumentException($"Unknown architecture '{name}'; choose mlp, additive, affine or cppn."),
    };
}

/// <summary>Activation names used in specs.</summary>
public static class ActivationNames
{
    /// <summary>Parses <c>identity</c>, <c>tanh</c>, <c>relu</c>, <c>leaky_relu</c>, <c>sigmoid</c>, <c>softplus</c>, <c>gelu</c>.</summary>
    public static Activation Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "identity" or "linear" => Activation.Identity,
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "leaky_relu" or "leakyrelu" => Activation.LeakyRelu,
        "sigmoid" => Activation.Sigmoid,
        "softplus" => Activation.Softplus,
        "gelu" => Activation.Gelu,
        _ => throw new ArgumentException($"Unknown activation '{name}'."),
    };
}
