using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Terms;
using Basin.Dfsa.Training;
using Basin.Tensors;

namespace Basin.Obfuscation.Transform;

/// <summary>Shape and training budget of the keyed coupling network (the DFSA part of the transform).</summary>
/// <param name="Block">Width b of the blocks the coupling network acts on (the rotated vector is cut into ⌊d/b⌋ blocks).</param>
/// <param name="Hidden">Hidden width of each coupling conditioner.</param>
/// <param name="CouplingLayers">Additive coupling layers.</param>
/// <param name="TrainSteps">Data-free Adam steps with the obfuscation preset.</param>
/// <param name="Batch">Samples x ∼ N(0, I_b) per step.</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="InitGain">Multiplier of the initial conditioner weights (larger = more scrambled before training).</param>
public sealed record CouplingOptions(int Block = 16, int Hidden = 32, int CouplingLayers = 4, int TrainSteps = 300, int Batch = 64,
    double LearningRate = 3e-3, double InitGain = 1.5)
{
    /// <summary>Checks the fields and returns this.</summary>
    public CouplingOptions Validate()
    {
        if (Block < 2) throw new ArgumentException($"block width must be at least 2 (got {Block})");
        if (Hidden < 1 || CouplingLayers < 1) throw new ArgumentException("hidden width and coupling layers must be positive");
        if (TrainSteps < 0 || Batch < 2 || !(LearningRate > 0) || !(InitGain > 0)) throw new ArgumentException("steps ≥ 0, batch ≥ 2, learning rate > 0 and init gain > 0 are required");
        return this;
    }
}

/// <summary>
/// The secret of a keyed obfuscation: 32 random bytes (which seed the two Haar rotations, the coupling network's
/// initial weights and its keyed permutations, and the data-free training batches), the data standardisation
/// (centre c, scale s), the geometry weight w, and the float64 weights of the DFSA-trained coupling network
/// (stored so that the inverse is exact on every machine even if float training were not bit-reproducible).
/// </summary>
public sealed class ObfuscationKey
{
    /// <summary>Format tag of key files.</summary>
    public const string Format = "basin-obf-key v2";

    /// <summary>
    /// Largest dimension d: the transform holds two dense d×d rotations (2·8·d² bytes, 256 MiB at d = 4096) drawn by
    /// Gram–Schmidt in O(d³); MNIST has d = 784. A CSV with 100 000 columns is refused here instead of overflowing.
    /// </summary>
    public const int MaxDim = 4096;

    /// <summary>Builds a key from its parts (use <see cref="Generate"/> for a new one).</summary>
    public ObfuscationKey(byte[] secret, int dim, double geometry, double center, double scale, CouplingNetwork<double> network)
    {
        if (secret.Length < 16) throw new ArgumentException("the secret must have at least 16 bytes");
        if (dim < 2) throw new ArgumentException($"dimension must be at least 2 (got {dim})");
        if (dim > MaxDim) throw new ArgumentException($"dimension {dim} exceeds the largest the obfuscator supports ({MaxDim}: two dense d×d rotations)");
        if (!(geometry >= 0) || double.IsPositiveInfinity(geometry)) throw new ArgumentException($"geometry weight must be finite and ≥ 0 (got {geometry})");
        if (!double.IsFinite(center) || !(scale > 0) || !double.IsFinite(scale)) throw new ArgumentException($"centre must be finite and scale finite and > 0 (got {center}, {scale})");
        if (network.InputDim > dim) throw new ArgumentException($"block width {network.InputDim} exceeds the dimension {dim}");
        foreach (var (name, p) in network.NamedParameters())
            if (p.Value.HasNonFinite()) throw new ArgumentException($"coupling weight '{name}' is not finite");
        Secret = secret; Dim = dim; Geometry = geometry; Center = center; Scale = scale; Network = network;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>The secret bytes.</summary>
    public byte[] Secret { get; }

    /// <summary>Vector dimension d.</summary>
    public int Dim { get; }

    /// <summary>Block width b of the coupling network.</summary>
    public int Block => Network.InputDim;

    /// <summary>Geometry weight w: multiplies the geometry terms (distance, volume, time consistency) of the obfuscation preset.</summary>
    public double Geometry { get; }

    /// <summary>Centre c subtracted from every coordinate before the first rotation.</summary>
    public double Center { get; }

    /// <summary>Scale s: the rotated, centred data is divided by s so its coordinates are ≈ N(0, 1), the distribution the network was trained on.</summary>
    public double Scale { get; }

    /// <summary>The DFSA-trained additive coupling network g: ℝᵇ → ℝᵇ (float64).</summary>
    public CouplingNetwork<double> Network { get; }

    /// <summary>Public identifier: HMAC-SHA256 under the secret of the parameters and a hash of the weights, first 16 bytes in hex. Identifies the key without revealing it.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// A new key: 32 bytes from the OS CSPRNG (or <paramref name="secret"/>), then the coupling network is trained
    /// with no data on the obfuscation preset (DFSA, white paper §E) with its geometry terms multiplied by
    /// <paramref name="geometry"/>. <paramref name="progress"/> receives (step, steps).
    /// </summary>
    public static ObfuscationKey Generate(int dim, double geometry, double center = 0, double scale = 1, CouplingOptions? options = null,
        byte[]? secret = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        if (dim > MaxDim) throw new ArgumentException($"dimension {dim} exceeds the largest the obfuscator supports ({MaxDim}: two dense d×d rotations)");
        var o = (options ?? new CouplingOptions()).Validate();
        if (o.Block > dim) o = o with { Block = dim };
        secret ??= RandomNumberGenerator.GetBytes(32);
        ulong seed = BitConverter.ToUInt64(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("basin-obf-v2-dfsa-seed")), 0);
        var spec = new NetworkSpec(Architecture.AdditiveCoupling, o.Block, o.Block, o.Hidden, o.CouplingLayers, InitGain: o.InitGain);
        var net32 = (CouplingNetwork<float>)spec.Create<float>(new Rng(seed));
        if (o.TrainSteps > 0)
        {
            var trainer = new DfsaTrainer<float>(net32, new GaussianInput(), ObjectiveFor(geometry),
                new DfsaTrainOptions { Steps = o.TrainSteps, BatchSize = o.Batch, LearningRate = o.LearningRate, Seed = seed });
            var result = trainer.Train(r => progress?.Invoke(r.Step, o.TrainSteps), cancel);
            if (result.Diverged) throw new InvalidOperationException($"coupling-network training diverged: {result.Reason}");
        }
        var net64 = (CouplingNetwork<double>)spec.Create<double>(new Rng(seed));
        net64.CopyFrom(net32);
        return new ObfuscationKey(secret, dim, geometry, center, scale, net64);
    }

    /// <summary>The obfuscation preset with the geometry group's weights multiplied by <paramref name="geometry"/> (terms with weight 0 dropped).</summary>
    public static Objective ObjectiveFor(double geometry) =>
        new(Presets.Get("obfuscation")
            .Select(t => t.Term.Group == TermGroup.Geometry ? t with { Weight = t.Weight * geometry } : t)
            .Where(t => t.Weight != 0));

    /// <summary>The canonical description of the public parameters (part of the fingerprint).</summary>
    public string ParameterString =>
        string.Create(CultureInfo.InvariantCulture, $"{Format}|dim={Dim}|block={Block}|geometry={Geometry:R}|center={Center:R}|scale={Scale:R}|network={Network.Spec.ToJson()}");

    private string ComputeFingerprint()
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, p) in Network.NamedParameters().OrderBy(kv => kv.Name, StringComparer.Ordinal))
        {
            h.AppendData(Encoding.UTF8.GetBytes(name));
            h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(p.Value.Contiguous().Span));
        }
        foreach (var (name, t) in Network.Buffers().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            h.AppendData(Encoding.UTF8.GetBytes(name));
            h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Contiguous().Span));
        }
        var msg = Encoding.UTF8.GetBytes(ParameterString + "|weights=" + Convert.ToHexStringLower(h.GetHashAndReset()));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Secret, msg).AsSpan(0, 16));
    }
}
