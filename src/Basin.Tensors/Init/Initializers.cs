using System.Numerics;
using Basin.Tensors.LinearAlgebra;

namespace Basin.Tensors.Init;

/// <summary>
/// Weight initialisers. Every one draws from the given <see cref="Rng"/> only, so a seed fixes the result on
/// every machine. Fan-in/fan-out follow PyTorch's convention for a weight of shape [fanOut, fanIn] (rows = outputs).
/// </summary>
public static class Initializers
{
    /// <summary>Entries i.i.d. uniform on [lo, hi).</summary>
    public static Tensor<T> Uniform<T>(int rows, int cols, T lo, T hi, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
        => Tensor.Uniform(rng, lo, hi, Check(rows, cols));

    /// <summary>Entries i.i.d. 𝒩(mean, std²).</summary>
    public static Tensor<T> Normal<T>(int rows, int cols, T mean, T std, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
        => Tensor.Normal(rng, mean, std, Check(rows, cols));

    /// <summary>Glorot/Xavier uniform (Glorot &amp; Bengio 2010): U(−b, b), b = gain·√(6/(fanIn + fanOut)), fanOut = rows, fanIn = cols.</summary>
    public static Tensor<T> GlorotUniform<T>(int rows, int cols, Rng rng, double gain = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double b = gain * Math.Sqrt(6.0 / Math.Max(1, rows + cols));
        return Tensor.Uniform(rng, T.CreateTruncating(-b), T.CreateTruncating(b), Check(rows, cols));
    }

    /// <summary>He/Kaiming normal (He et al. 2015): 𝒩(0, gain²/fanIn) with fanIn = cols; gain √2 suits ReLU.</summary>
    public static Tensor<T> HeNormal<T>(int rows, int cols, Rng rng, double gain = 1.4142135623730951) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double std = gain / Math.Sqrt(Math.Max(1, cols));
        return Tensor.Normal(rng, T.Zero, T.CreateTruncating(std), Check(rows, cols));
    }

    /// <summary>
    /// A (semi-)orthogonal rows×cols matrix times <paramref name="gain"/> (Saxe et al. 2014; the recipe of PyTorch's
    /// <c>orthogonal_</c> and Keras' <c>Orthogonal</c>): draw G with i.i.d. 𝒩(0,1) entries, shape max×min of
    /// (rows, cols), factor G = QR, take Q·sign(diag R) (Haar-distributed), transpose when rows &lt; cols.
    /// Then WᵀW = gain²·I when rows ≥ cols and WWᵀ = gain²·I otherwise. SA-nODE initialises Φ_train with gain 1.15.
    /// </summary>
    public static Tensor<T> Orthogonal<T>(int rows, int cols, double gain, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(rows, cols);
        if (rows == 0 || cols == 0) return new Tensor<T>(rows, cols);
        bool tall = rows >= cols;
        var g = Tensor.Normal(rng, 0.0, 1.0, tall ? rows : cols, tall ? cols : rows);
        var qr = Qr.Factor(g);
        var q = qr.Q;          // already Q·sign(diag R): this QR makes diag R ≥ 0
        var r = qr.R;
        int m = q.Dim(0), k = q.Dim(1);
        var qs = q.Span;
        for (int j = 0; j < k; j++)
        {
            double s = r[j, j] < 0 ? -gain : gain; // diag R is ≥ 0 by construction; kept for fidelity with the recipe
            for (int i = 0; i < m; i++) qs[i * k + j] *= s;
        }
        var w = tall ? q : q.Transpose().Contiguous();
        return Tensor.Cast<double, T>(w);
    }

    private static int[] Check(int rows, int cols)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(rows), $"Initializer shape [{rows}, {cols}] has a negative extent.");
        return new[] { rows, cols };
    }
}
