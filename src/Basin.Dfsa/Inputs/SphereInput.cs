namespace Basin.Dfsa.Inputs;

/// <summary>
/// Uniform on the sphere of radius √n (normalised Gaussians), so each coordinate has unit variance like the other
/// distributions. Perturbations are Gaussian steps projected back onto the sphere.
/// </summary>
public sealed class SphereInput : InputDistribution
{
    /// <inheritdoc/>
    public override string Name => "sphere";

    /// <inheritdoc/>
    public override double Scale => 1;

    /// <inheritdoc/>
    public override Tensor<T> Sample<T>(Rng rng, int batch, int n)
    {
        var x = Tensor.Normal(rng, T.Zero, T.One, batch, n);
        Project(x);
        return x;
    }

    /// <inheritdoc/>
    public override Tensor<T> Perturb<T>(Rng rng, Tensor<T> x, double size, int flips = 1)
    {
        var y = base.Perturb(rng, x, size, flips);
        Project(y);
        return y;
    }

    private static void Project<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T radius = T.Sqrt(T.CreateTruncating(x.Dim(1)));
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            T norm = System.Numerics.Tensors.TensorPrimitives.Norm<T>(row);
            if (norm == T.Zero) { row[0] = radius; continue; }
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, radius / norm, row);
        }
    }
}
