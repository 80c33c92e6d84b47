using Basin.Dfsa.Art;

namespace Basin.Generative.Storage;

/// <summary>How a CPPN is fitted to an image.</summary>
/// <param name="Shape">Network shape.</param>
/// <param name="Steps">Full-batch Adam steps.</param>
/// <param name="LearningRate">Adam learning rate (cosine-decayed to 5 % over the run).</param>
/// <param name="Seed">Seed of the Fourier features and the initial weights.</param>
public sealed record CppnFitOptions(CppnCodecShape Shape, int Steps = 1500, double LearningRate = 5e-3, ulong Seed = 1);

/// <summary>
/// The hybrid semi-stochastic attractor as storage (white paper §F.3): a rich CPPN initialised from a seed is fitted to
/// one greyscale image by full-batch Adam on the mean squared error over all pixel centres, so the image is stored as
/// the network's weights; rendering the network on the same grid reconstructs it (an "impressionistic" version whose
/// detail is bounded by the network's size).
/// </summary>
public static class CppnFit
{
    /// <summary>Fits and returns the network.</summary>
    public static RichCppnNetwork Fit(ReadOnlySpan<float> image, int width, int height, CppnFitOptions o, CancellationToken cancel = default)
    {
        if (image.Length != width * height) throw new ArgumentException("CPPN fit: image does not match its size.");
        var net = o.Shape.Create(o.Seed);
        var coords = Grid(width, height);
        var target = new Tensor<float>(width * height, 1);
        image.CopyTo(target.Span);
        var adam = new Adam<float>(net, new AdamOptions(o.LearningRate));
        var tape = new Tape<float>();
        for (int s = 0; s < o.Steps; s++)
        {
            cancel.ThrowIfCancellationRequested();
            adam.LearningRate = o.LearningRate * (0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * s / o.Steps)));
            tape.Reset();
            net.ZeroGrad();
            var y = net.Forward(tape.Input(coords));
            var loss = (y - Var<float>.Constant(target)).Square().Mean();
            tape.Backward(loss);
            adam.Step();
        }
        return net;
    }

    /// <summary>The network's output on the pixel centres, row-major, clamped to [0, 1].</summary>
    public static float[] Render(RichCppnNetwork net, int width, int height)
    {
        var y = net.Evaluate(Grid(width, height)).Contiguous().Span.ToArray();
        for (int i = 0; i < y.Length; i++) y[i] = Math.Clamp(y[i], 0f, 1f);
        return y;
    }

    private static Tensor<float> Grid(int width, int height)
    {
        var c = new Tensor<float>(width * height, 2);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                c[y * width + x, 0] = (float)(2.0 * (x + 0.5) / width - 1);
                c[y * width + x, 1] = (float)(2.0 * (y + 0.5) / height - 1);
            }
        return c;
    }
}
