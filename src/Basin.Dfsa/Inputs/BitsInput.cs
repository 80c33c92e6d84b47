namespace Basin.Dfsa.Inputs;

/// <summary>Uniform bit strings x ∈ {−1, +1}ⁿ (each sign independent, probability ½); perturbations flip bits.</summary>
public sealed class BitsInput : InputDistribution
{
    /// <inheritdoc/>
    public override string Name => "bits";

    /// <inheritdoc/>
    public override bool IsBits => true;

    /// <inheritdoc/>
    public override double Scale => 1;

    /// <inheritdoc/>
    public override Tensor<T> Sample<T>(Rng rng, int batch, int n)
    {
        var x = new Tensor<T>(batch, n);
        var s = x.Span;
        for (int i = 0; i < s.Length; i++) s[i] = (rng.NextUInt64() >> 63) == 0 ? -T.One : T.One;
        return x;
    }

    /// <summary>Flips <paramref name="flips"/> distinct random bits of each row (the size argument is ignored).</summary>
    public override Tensor<T> Perturb<T>(Rng rng, Tensor<T> x, double size, int flips = 1)
    {
        int n = x.Dim(1);
        flips = Math.Clamp(flips, 1, n);
        var y = x.Clone();
        Span<int> idx = stackalloc int[n];
        for (int r = 0; r < y.Rows; r++)
        {
            var row = y.Row(r);
            for (int i = 0; i < n; i++) idx[i] = i;
            for (int k = 0; k < flips; k++)
            {
                int j = k + rng.NextInt(n - k);
                (idx[k], idx[j]) = (idx[j], idx[k]);
                row[idx[k]] = -row[idx[k]];
            }
        }
        return y;
    }
}
