using Basin.Dfsa.Networks;

namespace Basin.Dfsa.Art;

/// <summary>Shape of a <see cref="RichCppnNetwork"/> beyond the <see cref="NetworkSpec"/> (hidden width, layers, gain).</summary>
/// <param name="Features">K random Fourier features; each gives a sine and a cosine input.</param>
/// <param name="Bandwidth">Largest integer frequency B of a feature (cycles per half-image); larger: finer detail.</param>
/// <param name="Tileable">Only integer-frequency Fourier features (no u, v, r): the image is exactly periodic, so tiles join.</param>
/// <param name="Colour">How the three sigmoid outputs become a colour: <c>rgb</c> as is, <c>hsv</c> hue/saturation/value.</param>
public sealed record RichCppnShape(int Features = 12, int Bandwidth = 3, bool Tileable = false, string Colour = "hsv")
{
    /// <summary>Colour spaces.</summary>
    public static IReadOnlyList<string> Colours { get; } = ["rgb", "hsv"];

    /// <summary>Checks the fields.</summary>
    public RichCppnShape Validate()
    {
        if (Features < 1 || Features > 256) throw new ArgumentException($"Fourier features must be within 1…256, got {Features}.");
        if (Bandwidth < 1 || Bandwidth > 256) throw new ArgumentException($"Bandwidth must be within 1…256, got {Bandwidth}.");
        if (!Colours.Contains(Colour)) throw new ArgumentException($"Unknown colour space '{Colour}'; choose {string.Join(" or ", Colours)}.");
        return this;
    }
}

/// <summary>
/// A richer CPPN for images: pixel coordinates (u, v) ∈ [−1, 1]² become random Fourier features (Tancik et al. 2020)
/// sin(π(a_k u + b_k v) + φ_k), cos(π(a_k u + b_k v) + φ_k) with integer (a_k, b_k) ∈ [−B, B]², plus the radial and raw
/// coordinates r, u, v (Stanley 2007) unless tileable; then hidden layers cycling sin (SIREN, Sitzmann et al. 2020), a
/// Gaussian bump exp(−z²) and tanh; then a sigmoid to three channels, read as RGB or HSV at render time. Integer
/// frequencies make every feature 2-periodic in u and v, so a tileable network's image wraps exactly. The frequencies
/// and phases are fixed buffers drawn from the seed; only the layers are trained (data-free, as the classic
/// <see cref="CppnNetwork{T}"/>). Every layer is a batched GEMM through the engine.
/// </summary>
public sealed class RichCppnNetwork : DfsaNetwork<float>
{
    private readonly Tensor<float> _freq;   // [2, K], π·(a_k, b_k)
    private readonly Tensor<float> _phase;  // [K]
    private readonly Linear<float>[] _layers;

    /// <summary>Builds the network: buffers first from <paramref name="rng"/>, then Glorot layers times the init gain.</summary>
    public RichCppnNetwork(NetworkSpec spec, RichCppnShape shape, Rng rng) : base(spec)
    {
        Shape = shape.Validate();
        if (spec.Architecture != Architecture.Cppn || spec.InputDim != 2) throw new ArgumentException("A rich CPPN needs a CPPN spec with 2 inputs.");
        int k = shape.Features;
        _freq = Tensor.Zeros<float>(2, k);
        _phase = Tensor.Zeros<float>(k);
        for (int j = 0; j < k; j++)
        {
            int a, b;
            do { a = rng.NextInt(2 * shape.Bandwidth + 1) - shape.Bandwidth; b = rng.NextInt(2 * shape.Bandwidth + 1) - shape.Bandwidth; }
            while (a == 0 && b == 0);
            _freq[0, j] = (float)(Math.PI * a);
            _freq[1, j] = (float)(Math.PI * b);
            _phase[j] = (float)(2 * Math.PI * rng.NextDouble());
        }
        int depth = Math.Max(1, spec.Layers);
        _layers = new Linear<float>[depth + 1];
        int width = 2 * k + (shape.Tileable ? 0 : 3);
        for (int i = 0; i < depth; i++)
        {
            _layers[i] = RegisterModule($"layer{i}", new Linear<float>(width, spec.Hidden, rng));
            width = spec.Hidden;
        }
        _layers[depth] = RegisterModule($"layer{depth}", new Linear<float>(width, spec.OutputDim, rng));
        ApplyInitGain();
    }

    /// <summary>Features, bandwidth, tiling and colour space.</summary>
    public RichCppnShape Shape { get; }

    /// <inheritdoc/>
    public override (double Lo, double Hi)? OutputBounds => (0, 1);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, Tensor<float>> Buffers() => new Dictionary<string, Tensor<float>> { ["freq"] = _freq, ["phase"] = _phase };

    /// <inheritdoc/>
    public override Var<float> Forward(Var<float> x)
    {
        var z = x.MatMul(Var<float>.Constant(_freq)) + Var<float>.Constant(_phase);
        var s = SineOp.Sin(z);
        var c = SineOp.Sin(z + (float)(Math.PI / 2));
        Var<float> h;
        if (Shape.Tileable) h = Ops.Concat(1, s, c);
        else
        {
            var r = x.Square().Sum(1, keepDims: true).Add(Var<float>.Constant(1e-8f)).Sqrt();
            h = Ops.Concat(1, s, c, x, r);
        }
        for (int i = 0; i < _layers.Length - 1; i++)
        {
            var a = _layers[i].Forward(h);
            h = (i % 3) switch
            {
                0 => SineOp.Sin(a),
                1 => a.Square().Neg().Exp(),
                _ => a.Tanh(),
            };
        }
        return Functional.Sigmoid(_layers[^1].Forward(h));
    }

    /// <summary>
    /// HSV → RGB in place on interleaved triples (Smith 1978): h ∈ [0, 1) turns round the hue hexagon, C = V·S,
    /// X = C(1 − |(6h mod 2) − 1|), m = V − C.
    /// </summary>
    public static void HsvToRgb(Span<float> hsv)
    {
        for (int i = 0; i + 2 < hsv.Length; i += 3)
        {
            double h = hsv[i] * 6 % 6, s = hsv[i + 1], v = hsv[i + 2];
            double c = v * s, xx = c * (1 - Math.Abs(h % 2 - 1)), m = v - c;
            (double r, double g, double b) = (int)h switch
            {
                0 => (c, xx, 0.0),
                1 => (xx, c, 0.0),
                2 => (0.0, c, xx),
                3 => (0.0, xx, c),
                4 => (xx, 0.0, c),
                _ => (c, 0.0, xx),
            };
            hsv[i] = (float)(r + m);
            hsv[i + 1] = (float)(g + m);
            hsv[i + 2] = (float)(b + m);
        }
    }
}
