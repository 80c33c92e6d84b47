namespace Basin.Generative.Storage;

/// <summary>
/// Full-reference image quality of a greyscale image against a reference, both row-major in [0, 1].
/// </summary>
public static class ImageQuality
{
    /// <summary>
    /// Peak signal-to-noise ratio, PSNR = 10 log₁₀(L² / MSE) dB with peak L = 1; +∞ for identical images. A constant
    /// shift δ gives MSE = δ², so PSNR = −20 log₁₀ |δ|.
    /// </summary>
    public static double Psnr(ReadOnlySpan<float> reference, ReadOnlySpan<float> test)
    {
        if (reference.Length != test.Length || reference.Length == 0) throw new ArgumentException("PSNR needs two non-empty images of one size.");
        double mse = 0;
        for (int i = 0; i < reference.Length; i++) { double d = reference[i] - (double)test[i]; mse += d * d; }
        mse /= reference.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(1 / mse);
    }

    /// <summary>
    /// Mean structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli 2004, IEEE TIP 13(4)): for each 11×11 window
    /// weighted by a Gaussian of σ = 1.5 (normalised), SSIM = (2μₓμᵧ + C₁)(2σₓᵧ + C₂) / ((μₓ² + μᵧ² + C₁)(σₓ² + σᵧ² + C₂)),
    /// C₁ = (0.01 L)², C₂ = (0.03 L)², L = 1; averaged over the windows that fit inside the image (the paper's "valid"
    /// filtering). 1 for identical images. Images smaller than 11 pixels use the whole image as one window's support.
    /// </summary>
    public static double Ssim(ReadOnlySpan<float> reference, ReadOnlySpan<float> test, int width, int height)
    {
        if (reference.Length != width * height || test.Length != width * height) throw new ArgumentException("SSIM: images do not match the size.");
        int r = Math.Min(5, (Math.Min(width, height) - 1) / 2);
        int k = 2 * r + 1;
        var w = new double[k * k];
        double sum = 0;
        for (int y = 0; y < k; y++)
            for (int x = 0; x < k; x++) sum += w[y * k + x] = Math.Exp(-((x - r) * (x - r) + (y - r) * (y - r)) / (2 * 1.5 * 1.5));
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        double total = 0;
        int windows = 0;
        for (int cy = r; cy < height - r; cy++)
            for (int cx = r; cx < width - r; cx++)
            {
                double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                for (int dy = 0; dy < k; dy++)
                    for (int dx = 0; dx < k; dx++)
                    {
                        int p = (cy - r + dy) * width + cx - r + dx;
                        double g = w[dy * k + dx], a = reference[p], b = test[p];
                        mx += g * a; my += g * b; xx += g * a * a; yy += g * b * b; xy += g * a * b;
                    }
                double vx = xx - mx * mx, vy = yy - my * my, cov = xy - mx * my;
                total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                windows++;
            }
        return total / windows;
    }
}
