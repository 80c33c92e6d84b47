namespace Basin.Dfsa.Inputs;

/// <summary>
/// The input distribution p(x) of data-free training (white paper §E: every expectation E_{x∼p(x)} is over it).
/// A distribution draws batches, a perturbation x + δ for the discontinuity terms, and a trajectory step
/// x_t → x_{t+1} for time consistency. All draws come from the caller's <see cref="Rng"/>, so a seed fixes them.
/// </summary>
public abstract class InputDistribution
{
    /// <summary>Name used on the command line and in model files (<c>bits</c>, <c>box</c>, <c>gaussian</c>, <c>sphere</c>).</summary>
    public abstract string Name { get; }

    /// <summary>True for x ∈ {−1, +1}ⁿ: perturbations are bit flips and the avalanche figure applies.</summary>
    public virtual bool IsBits => false;

    /// <summary>Typical per-coordinate scale of x (perturbation sizes are multiples of it).</summary>
    public abstract double Scale { get; }

    /// <summary>Draws <paramref name="batch"/> samples x ∈ ℝⁿ as rows of a [batch, n] tensor.</summary>
    public abstract Tensor<T> Sample<T>(Rng rng, int batch, int n) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// x + δ for each row: Gaussian δ with standard deviation <paramref name="size"/>·<see cref="Scale"/> for continuous inputs;
    /// for bits, <paramref name="flips"/> distinct random bits flipped (the natural perturbation of a bit string).
    /// </summary>
    public virtual Tensor<T> Perturb<T>(Rng rng, Tensor<T> x, double size, int flips = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = x.Clone();
        var s = y.Span;
        T sd = T.CreateTruncating(size * Scale);
        for (int i = 0; i < s.Length; i++) s[i] += sd * T.CreateTruncating(rng.NextNormal());
        return y;
    }

    /// <summary>Parses a distribution name (<c>bits</c>, <c>box</c>, <c>gaussian</c>, <c>sphere</c>).</summary>
    public static InputDistribution Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "bits" => new BitsInput(),
        "box" or "uniform" => new BoxInput(),
        "gaussian" or "normal" => new GaussianInput(),
        "sphere" => new SphereInput(),
        _ => throw new ArgumentException($"Unknown input distribution '{name}'; choose one of {string.Join(", ", Names)}."),
    };

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bits", "box", "gaussian", "sphere"];

    /// <inheritdoc/>
    public override string ToString() => Name;
}
