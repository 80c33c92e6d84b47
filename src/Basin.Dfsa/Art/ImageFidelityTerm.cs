using Basin.Dfsa.Estimation;
using Basin.Dfsa.Terms;

namespace Basin.Dfsa.Art;

/// <summary>
/// The hybrid semi-stochastic attractor's data term (white paper §F.3): a small image (e.g. a 7×7 letter) pinned at
/// its pixel centres. L = mean over pixels of (gray(f(u, v)) − target)², gray = mean of the output channels, pixel
/// centres mapped onto [−1, 1]². Not part of the appendix catalogue: it is the one term that needs data.
/// </summary>
public sealed class ImageFidelityTerm : DfsaTerm
{
    private readonly double[] _target;
    private readonly double[] _coords;

    /// <summary>Creates the term for a row-major <paramref name="rows"/>×<paramref name="cols"/> image with values in [0, 1].</summary>
    public ImageFidelityTerm(ReadOnlySpan<float> image, int rows, int cols, double margin = 0.7)
    {
        if (rows < 1 || cols < 1 || image.Length != rows * cols) throw new ArgumentException($"ImageFidelityTerm: {image.Length} values do not make a {rows}×{cols} image.");
        _target = new double[rows * cols];
        _coords = new double[rows * cols * 2];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                int i = r * cols + c;
                _target[i] = Math.Clamp(image[i], 0f, 1f);
                _coords[2 * i] = margin * (2.0 * (c + 0.5) / cols - 1);
                _coords[2 * i + 1] = margin * (2.0 * (r + 0.5) / rows - 1);
            }
    }

    /// <inheritdoc/>
    public override string Name => "image_fidelity";
    /// <inheritdoc/>
    public override TermGroup Group => TermGroup.Hybrid;
    /// <inheritdoc/>
    public override string Formula => "mean_pixels (gray(f(u_p, v_p)) − target_p)²";
    /// <inheritdoc/>
    public override string Estimator => "exact: one forward pass at the image's pixel centres";
    /// <inheritdoc/>
    public override TermGoal Goal => TermGoal.Minimise;
    /// <inheritdoc/>
    public override string Reading => "pins a few pixels to a focused data set; stochasticity fills the rest (impressionistic variations)";

    /// <inheritdoc/>
    public override Var<T> Evaluate<T>(TermContext<T> ctx)
    {
        int p = _target.Length;
        var coords = new Tensor<T>(p, 2);
        var target = new Tensor<T>(p);
        for (int i = 0; i < p; i++)
        {
            coords[i, 0] = T.CreateTruncating(_coords[2 * i]);
            coords[i, 1] = T.CreateTruncating(_coords[2 * i + 1]);
            target[i] = T.CreateTruncating(_target[i]);
        }
        return ctx.Forward(coords).Mean(1).Subtract(Var<T>.Constant(target)).Square().Mean();
    }
}
