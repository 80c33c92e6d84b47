namespace Basin.Data.Tests;

internal static class Synthetic
{
    /// <summary>Deterministic bytes for <paramref name="count"/> images of rows×cols.</summary>
    public static byte[] Pixels(int count, int rows, int cols, int seed = 1)
    {
        var bytes = new byte[count * rows * cols];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Labels(int count, int classes = 10) =>
        Enumerable.Range(0, count).Select(i => (byte)(i * 7 % classes)).ToArray();

    public static byte[] IdxBytes(ReadOnlySpan<byte> data, params int[] dims)
    {
        using var stream = new MemoryStream();
        IdxWriter.Write(stream, data, dims);
        return stream.ToArray();
    }
}
