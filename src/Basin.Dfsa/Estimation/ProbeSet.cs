namespace Basin.Dfsa.Estimation;

/// <summary>
/// k probe directions per sample, stacked probe-major as a [k·B, n] tensor (row a·B + b is probe a of sample b), with
/// the weight w that makes Σ_a w‖J v_a‖² an estimate of ‖J‖²_F: 1 for the full basis (exact), n/k for k sampled basis
/// columns, 1/k for Gaussian probes (Hutchinson: E‖Jv‖² = ‖J‖²_F for v ∼ N(0, I)).
/// </summary>
public sealed class ProbeSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private ProbeSet(Tensor<T> directions, int count, double weight, int[]? columns)
    {
        Directions = directions;
        Count = count;
        Weight = weight;
        Columns = columns;
    }

    /// <summary>[k·B, n] directions.</summary>
    public Tensor<T> Directions { get; }

    /// <summary>k.</summary>
    public int Count { get; }

    /// <summary>The weight w of each probe in Σ_a w‖J v_a‖².</summary>
    public double Weight { get; }

    /// <summary>The basis columns probed (null for Gaussian probes).</summary>
    public IReadOnlyList<int>? Columns { get; }

    /// <summary>True when the probes are basis vectors (they give Jacobian columns J e_i).</summary>
    public bool IsBasis => Columns is not null;

    /// <summary>True when every basis vector is probed: the estimates are exact.</summary>
    public bool IsFullBasis => Columns is not null && Columns.Count == Directions.Dim(1);

    /// <summary>All n basis vectors e_i for each of <paramref name="batch"/> samples.</summary>
    public static ProbeSet<T> FullBasis(int batch, int n) => Basis(batch, n, Enumerable.Range(0, n).ToArray(), 1);

    /// <summary><paramref name="k"/> distinct random basis vectors (the same for all samples), weight n/k.</summary>
    public static ProbeSet<T> SampledBasis(Rng rng, int batch, int n, int k)
    {
        k = Math.Min(k, n);
        var cols = rng.Permutation(n).Take(k).ToArray();
        return Basis(batch, n, cols, (double)n / k);
    }

    /// <summary><paramref name="k"/> independent standard Gaussian probes per sample, weight 1/k.</summary>
    public static ProbeSet<T> Gaussian(Rng rng, int batch, int n, int k) =>
        new(Tensor.Normal(rng, T.Zero, T.One, k * batch, n), k, 1.0 / k, null);

    /// <summary>One random unit direction per sample (v = g/‖g‖, g ∼ N(0, I)), weight 1.</summary>
    public static ProbeSet<T> UnitDirection(Rng rng, int batch, int n)
    {
        var d = Tensor.Normal(rng, T.Zero, T.One, batch, n);
        for (int r = 0; r < batch; r++)
        {
            var row = d.Row(r);
            T norm = System.Numerics.Tensors.TensorPrimitives.Norm<T>(row);
            if (norm > T.Zero) System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
        return new ProbeSet<T>(d, 1, 1, null);
    }

    private static ProbeSet<T> Basis(int batch, int n, int[] cols, double weight)
    {
        var d = new Tensor<T>(cols.Length * batch, n);
        for (int a = 0; a < cols.Length; a++)
            for (int b = 0; b < batch; b++) d[a * batch + b, cols[a]] = T.One;
        return new ProbeSet<T>(d, cols.Length, weight, cols);
    }
}
