namespace Basin.Data;

/// <summary>
/// The contents of an unsigned-byte IDX file: its dimensions (outermost first) and its values, row-major.
/// </summary>
/// <param name="Dimensions">The sizes from the header, e.g. [60000, 28, 28] for MNIST training images.</param>
/// <param name="Data">The product of <paramref name="Dimensions"/> bytes.</param>
public sealed record IdxArray(int[] Dimensions, byte[] Data)
{
    /// <summary>The outermost dimension: the number of items (images or labels).</summary>
    public int Count => Dimensions.Length == 0 ? 1 : Dimensions[0];
}
