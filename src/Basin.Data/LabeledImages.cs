using System.Runtime.Intrinsics;

namespace Basin.Data;

/// <summary>
/// A set of equally sized grayscale images with one class label each — the exchange format between
/// the data loaders and the models. Pixels are stored image after image, each row-major, scaled to [0, 1].
/// </summary>
/// <remarks>
/// The arrays are shared, not copied: <see cref="Image"/> returns a writable view so that noise can be
/// applied in place. Call <see cref="Validate"/> after mutating them to re-check the invariants.
/// </remarks>
public sealed class LabeledImages
{
    /// <summary>Creates a dataset over the given arrays (not copied) and validates it.</summary>
    /// <param name="name">A human-readable name, e.g. "MNIST train".</param>
    /// <param name="pixels">count × rows × cols values in [0, 1], row-major.</param>
    /// <param name="labels">One label per image, each below <c>classNames.Count</c>.</param>
    /// <param name="rows">Image height.</param>
    /// <param name="cols">Image width.</param>
    /// <param name="classNames">The name of every class; its length is the class count.</param>
    /// <exception cref="InvalidDataException">The arrays are inconsistent.</exception>
    public LabeledImages(string name, float[] pixels, byte[] labels, int rows, int cols, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        Name = name;
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Cols = cols;
        ClassNames = [.. classNames];
        Validate();
    }

    /// <summary>A human-readable name that says where the images came from.</summary>
    public string Name { get; }

    /// <summary>All pixels, <see cref="Count"/> × <see cref="Rows"/> × <see cref="Cols"/>, row-major, in [0, 1].</summary>
    public float[] Pixels { get; }

    /// <summary>The class label of every image.</summary>
    public byte[] Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Image height in pixels.</summary>
    public int Rows { get; }

    /// <summary>Image width in pixels.</summary>
    public int Cols { get; }

    /// <summary>Pixels per image, N = <see cref="Rows"/> × <see cref="Cols"/>.</summary>
    public int PixelsPerImage => Rows * Cols;

    /// <summary>Number of classes K.</summary>
    public int ClassCount => ClassNames.Length;

    /// <summary>The name of each class, indexed by label.</summary>
    public string[] ClassNames { get; }

    /// <summary>A writable view of image <paramref name="index"/>, row-major.</summary>
    public Span<float> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>A copy holding the first <paramref name="count"/> images (all of them if fewer).</summary>
    public LabeledImages Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Math.Min(count, Count);
        return new LabeledImages(Name, Pixels.AsSpan(0, n * PixelsPerImage).ToArray(), Labels.AsSpan(0, n).ToArray(), Rows, Cols, ClassNames);
    }

    /// <summary>A copy holding the images at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    public LabeledImages Subset(ReadOnlySpan<int> indices)
    {
        int n = PixelsPerImage;
        var pixels = new float[indices.Length * n];
        var labels = new byte[indices.Length];
        for (int j = 0; j < indices.Length; j++)
        {
            int i = indices[j];
            if ((uint)i >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Index {i} at position {j} is outside 0..{Count - 1}.");
            Pixels.AsSpan(i * n, n).CopyTo(pixels.AsSpan(j * n, n));
            labels[j] = Labels[i];
        }
        return new LabeledImages(Name, pixels, labels, Rows, Cols, ClassNames);
    }

    /// <summary>A copy with the same labels and shape, new pixels and optionally a new name.</summary>
    public LabeledImages WithPixels(float[] pixels, string? name = null) =>
        new(name ?? Name, pixels, Labels, Rows, Cols, ClassNames);

    /// <summary>A deep copy, optionally renamed.</summary>
    public LabeledImages Clone(string? name = null) =>
        new(name ?? Name, (float[])Pixels.Clone(), (byte[])Labels.Clone(), Rows, Cols, ClassNames);

    /// <summary>Number of images of each class.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (byte label in Labels)
            counts[label]++;
        return counts;
    }

    /// <summary>
    /// Checks the invariants: positive dimensions, at least one class, <see cref="Pixels"/> length =
    /// count × rows × cols, every label below the class count, every pixel finite and in [0, 1].
    /// </summary>
    /// <exception cref="InvalidDataException">An invariant does not hold; the message says which.</exception>
    public void Validate()
    {
        if (TryFindProblem() is { } problem)
            throw new InvalidDataException($"Dataset '{Name}' is inconsistent: {problem}");
    }

    /// <summary>Whether the invariants of <see cref="Validate"/> hold.</summary>
    public bool IsConsistent(out string? problem)
    {
        problem = TryFindProblem();
        return problem is null;
    }

    private string? TryFindProblem()
    {
        if (Rows <= 0 || Cols <= 0)
            return $"image size {Rows}×{Cols} is not positive.";
        if (ClassNames.Length is 0 or > 256)
            return $"{ClassNames.Length} classes; byte labels allow 1..256.";
        if ((long)Count * Rows * Cols != Pixels.LongLength)
            return $"{Pixels.LongLength} pixels, but {Count} labels × {Rows}×{Cols} need {(long)Count * Rows * Cols}.";
        for (int i = 0; i < Labels.Length; i++)
        {
            if (Labels[i] >= ClassNames.Length)
                return $"label {Labels[i]} of image {i} is not below the class count {ClassNames.Length}.";
        }
        for (int i = 0; i < Pixels.Length; i++)
        {
            float v = Pixels[i];
            if (!(v >= 0f && v <= 1f))
                return $"pixel {i % PixelsPerImage} of image {i / PixelsPerImage} is {v}, outside [0, 1].";
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Count} images {Rows}×{Cols}, {ClassCount} classes";

    /// <summary>
    /// Builds a dataset from unsigned-byte pixels (0..255), scaling each by 1/255.
    /// </summary>
    public static LabeledImages FromBytes(string name, ReadOnlySpan<byte> pixels, byte[] labels, int rows, int cols, IReadOnlyList<string> classNames)
    {
        var scaled = new float[pixels.Length];
        ScaleBytes(pixels, scaled);
        return new LabeledImages(name, scaled, labels, rows, cols, classNames);
    }

    /// <summary>dst[i] = src[i] / 255, exactly as the scalar division (255 maps to 1).</summary>
    internal static void ScaleBytes(ReadOnlySpan<byte> src, Span<float> dst)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var divisor = Vector128.Create(255f);
            for (; i <= src.Length - 16; i += 16)
            {
                var (lo, hi) = Vector128.Widen(Vector128.Create(src.Slice(i, 16)));
                var (a, b) = Vector128.Widen(lo);
                var (c, d) = Vector128.Widen(hi);
                (Vector128.ConvertToSingle(a.AsInt32()) / divisor).CopyTo(dst.Slice(i));
                (Vector128.ConvertToSingle(b.AsInt32()) / divisor).CopyTo(dst.Slice(i + 4));
                (Vector128.ConvertToSingle(c.AsInt32()) / divisor).CopyTo(dst.Slice(i + 8));
                (Vector128.ConvertToSingle(d.AsInt32()) / divisor).CopyTo(dst.Slice(i + 12));
            }
        }
        for (; i < src.Length; i++)
            dst[i] = src[i] / 255f;
    }
}
