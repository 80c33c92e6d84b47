using Basin.Dfsa.Inputs;
using Basin.Dfsa.Networks;
using Basin.Dfsa.Terms;
using Basin.Dfsa.Training;

namespace Basin.Dfsa.Art;

/// <summary>Settings of one generated image.</summary>
public sealed record ArtOptions
{
    /// <summary>Training steps of the CPPN.</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Pixel coordinates per step.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 5e-3;

    /// <summary>Hidden width of the CPPN.</summary>
    public int Hidden { get; init; } = 16;

    /// <summary>Hidden layers of the CPPN.</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Initial weight gain (larger: busier starting patterns).</summary>
    public double InitGain { get; init; } = 2.0;

    /// <summary>
    /// Weight of the entropy term: positive lowers the colour entropy ("structured creativity with low entropy",
    /// §F.4), negative raises it, 0 leaves it out.
    /// </summary>
    public double Entropy { get; init; }

    /// <summary>Optional image pinned by <see cref="ImageFidelityTerm"/> (hybrid semi-stochastic attractor), row-major in [0, 1].</summary>
    public float[]? Target { get; init; }

    /// <summary>Rows of <see cref="Target"/>.</summary>
    public int TargetRows { get; init; } = 7;

    /// <summary>Columns of <see cref="Target"/>.</summary>
    public int TargetCols { get; init; } = 7;

    /// <summary>Weight of the image term.</summary>
    public double TargetWeight { get; init; } = 100;

    /// <summary>Term overrides (<c>name=weight</c>) applied to the generative preset after the entropy knob.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Which CPPN: the classic [u, v, r] network or the richer Fourier-feature one.</summary>
    public ArtModel Model { get; init; } = ArtModel.Classic;

    /// <summary>Fourier features, bandwidth, tiling and colour space of the <see cref="ArtModel.Rich"/> model.</summary>
    public RichCppnShape Rich { get; init; } = new();
}

/// <summary>The CPPN architectures of <see cref="ArtGenerator"/>.</summary>
public enum ArtModel
{
    /// <summary><see cref="CppnNetwork{T}"/>: features [u, v, r], tanh/Gaussian layers, RGB (the original <c>basin art</c>).</summary>
    Classic,
    /// <summary><see cref="RichCppnNetwork"/>: random Fourier features, sin/Gaussian/tanh layers, HSV or RGB.</summary>
    Rich,
}

/// <summary>
/// Generative art (white paper §F): a CPPN from pixel coordinates to RGB is initialised from a seed and trained
/// data-free with the <c>generative</c> preset (stochasticity + geometry + stability), plus optional entropy and
/// image terms, then rendered on a pixel grid. Everything is a function of the seed, so one seed gives one image,
/// bit for bit.
/// </summary>
public static class ArtGenerator
{
    /// <summary>The objective used for <paramref name="options"/>.</summary>
    public static Objective ObjectiveFor(ArtOptions options)
    {
        var extra = new List<WeightedTerm>();
        if (options.Target is { } t) extra.Add(new WeightedTerm(new ImageFidelityTerm(t, options.TargetRows, options.TargetCols), options.TargetWeight));
        var overrides = new List<string>();
        if (options.Entropy != 0) overrides.Add($"entropy={options.Entropy.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        // Hybrid: at full strength the stochasticity terms' gradients swamp the 49 pinned pixels (no letter emerges in
        // 600 steps); at sensitivity −0.05 and no curvature term the letters appear with impressionistic surroundings.
        if (options.Target != null) overrides.AddRange(["sensitivity=-0.05", "curvature=0"]);
        overrides.AddRange(options.Overrides);
        return Objective.Build("generative", overrides, extra: extra);
    }

    /// <summary>Initialises and trains the CPPN for <paramref name="seed"/>.</summary>
    public static (DfsaNetwork<float> Network, DfsaTrainResult Result) Train(ulong seed, ArtOptions options, Action<StepReport>? afterStep = null)
    {
        var network = Create(seed, options);
        var trainer = new DfsaTrainer<float>(network, new BoxInput(), ObjectiveFor(options),
            new DfsaTrainOptions { Steps = options.Steps, BatchSize = options.BatchSize, LearningRate = options.LearningRate, Seed = seed });
        var result = trainer.Train(afterStep);
        return (network, result);
    }

    /// <summary>The untrained network of <paramref name="options"/>'s model for <paramref name="seed"/>.</summary>
    public static DfsaNetwork<float> Create(ulong seed, ArtOptions options)
    {
        var spec = new NetworkSpec(Architecture.Cppn, 2, 3, options.Hidden, options.Layers, InitGain: options.InitGain);
        return options.Model switch
        {
            ArtModel.Classic => spec.Create<float>(new Rng(seed)),
            ArtModel.Rich => new RichCppnNetwork(spec, options.Rich, new Rng(seed)),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
    }

    /// <summary>Parses <c>classic</c> or <c>rich</c>.</summary>
    public static ArtModel ParseModel(string name) => name.Trim().ToLowerInvariant() switch
    {
        "classic" => ArtModel.Classic,
        "rich" => ArtModel.Rich,
        _ => throw new ArgumentException($"Unknown art model '{name}'; choose classic or rich."),
    };

    /// <summary>
    /// The network's colours on a <paramref name="width"/>×<paramref name="height"/> grid over [−1, 1]², row-major RGB in
    /// [0, 1]; the grid is shifted by (<paramref name="du"/>, <paramref name="dv"/>) (a flow of the inputs, for animation).
    /// A rich network in HSV is converted to RGB. The classic and rich CPPNs go through <see cref="CppnRenderer"/>
    /// (one engine GEMM per layer and chunk of pixels); other networks through their autodiff forward.
    /// </summary>
    public static float[] Render(DfsaNetwork<float> network, int width, int height, double du = 0, double dv = 0)
    {
        var rgb = RenderRaw(network, width, height, du, dv);
        if (network is RichCppnNetwork { Shape.Colour: "hsv" }) RichCppnNetwork.HsvToRgb(rgb);
        return rgb;
    }

    /// <summary>The network's three outputs on the grid of <see cref="Render"/>, before any colour-space conversion.</summary>
    public static float[] RenderRaw(DfsaNetwork<float> network, int width, int height, double du = 0, double dv = 0)
    {
        if (width < 1 || height < 1) throw new ArgumentException("Image size must be positive.");
        int m = network.OutputDim;
        var rgb = new float[width * height * 3];
        if (CppnRenderer.Supports(network))
        {
            var uv = new float[width * height * 2];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    uv[2 * (y * width + x)] = (float)(2.0 * (x + 0.5) / width - 1 + du);
                    uv[2 * (y * width + x) + 1] = (float)(2.0 * (y + 0.5) / height - 1 + dv);
                }
            var f = CppnRenderer.Evaluate(network, uv);
            for (int p = 0; p < width * height; p++)
                for (int c = 0; c < 3; c++) rgb[p * 3 + c] = f[p * m + Math.Min(c, m - 1)];
            return rgb;
        }
        int rowsPerChunk = Math.Max(1, (1 << 17) / width);
        for (int y0 = 0; y0 < height; y0 += rowsPerChunk)
        {
            int rows = Math.Min(rowsPerChunk, height - y0);
            var coords = new Tensor<float>(rows * width, 2);
            for (int y = 0; y < rows; y++)
                for (int x = 0; x < width; x++)
                {
                    coords[y * width + x, 0] = (float)(2.0 * (x + 0.5) / width - 1 + du);
                    coords[y * width + x, 1] = (float)(2.0 * (y0 + y + 0.5) / height - 1 + dv);
                }
            var f = network.Evaluate(coords);
            for (int p = 0; p < rows * width; p++)
                for (int c = 0; c < 3; c++) rgb[((y0 * width) + p) * 3 + c] = f[p, Math.Min(c, m - 1)];
        }
        return rgb;
    }
}
