namespace Basin.Data.Images;

/// <summary>How <see cref="MnistPreparation"/> prepares an image.</summary>
/// <param name="Size">Side of the square output (28 for MNIST).</param>
/// <param name="Box">Side of the box the ink's bounding box is scaled to fit (20 for MNIST).</param>
/// <param name="InkThreshold">After the contrast stretch, a pixel at or above this level counts as ink for the bounding box.</param>
/// <param name="NoiseFloor">After the contrast stretch, levels below this are set to 0 (paper grain, sensor noise, JPEG ringing).</param>
public sealed record MnistPreparationOptions(int Size = 28, int Box = 20, double InkThreshold = 0.3, double NoiseFloor = 0.15)
{
    /// <summary>MNIST's own geometry: a 20×20 box centred by centre of mass in 28×28.</summary>
    public static MnistPreparationOptions Mnist { get; } = new();

    /// <summary>The geometry for a square model input of <paramref name="pixels"/> = side² pixels: MNIST's box-to-field ratio 20/28.</summary>
    public static MnistPreparationOptions ForPixels(int pixels)
    {
        int side = (int)Math.Round(Math.Sqrt(pixels));
        if (side < 4 || side * side != pixels) throw new ArgumentException($"a model input of {pixels} pixels is not a square image.");
        return new MnistPreparationOptions(side, Math.Max(1, (int)Math.Round(side * 20.0 / 28.0)));
    }

    /// <summary>Throws for inconsistent values.</summary>
    public MnistPreparationOptions Validate()
    {
        if (Size < 4 || Size > 1024) throw new ArgumentException($"Size {Size} must be in [4, 1024].");
        if (Box < 1 || Box > Size) throw new ArgumentException($"Box {Box} must be in [1, Size = {Size}].");
        if (!(InkThreshold > 0 && InkThreshold < 1)) throw new ArgumentException($"InkThreshold {InkThreshold} must be in (0, 1).");
        if (!(NoiseFloor >= 0 && NoiseFloor < InkThreshold)) throw new ArgumentException($"NoiseFloor {NoiseFloor} must be in [0, InkThreshold).");
        return this;
    }
}
