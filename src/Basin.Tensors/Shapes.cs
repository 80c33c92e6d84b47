namespace Basin.Tensors;

/// <summary>Helpers for row-major shapes and strides.</summary>
public static class Shapes
{
    /// <summary>Number of elements, Π shape[i]; throws on negative extents or overflow.</summary>
    public static int Size(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new TensorShapeException($"Negative extent in shape {Format(shape)}.");
            n *= d;
            if (n > Array.MaxLength) throw new TensorShapeException($"Shape {Format(shape)} has more than {Array.MaxLength} elements.");
        }
        return (int)n;
    }

    /// <summary>Row-major (C-order) strides for <paramref name="shape"/>.</summary>
    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var s = new int[shape.Length];
        int acc = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { s[i] = acc; acc *= Math.Max(shape[i], 1); }
        return s;
    }

    /// <summary>Formats a shape as <c>[a×b×c]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 0) return "[] (scalar)";
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++) parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "[" + string.Join("×", parts) + "]";
    }

    /// <summary>Resolves one <c>-1</c> entry of a reshape target against a total size.</summary>
    public static int[] Resolve(ReadOnlySpan<int> target, int size)
    {
        var r = target.ToArray();
        int infer = -1; long known = 1;
        for (int i = 0; i < r.Length; i++)
        {
            if (r[i] == -1)
            {
                if (infer >= 0) throw new TensorShapeException($"Reshape to {Format(target)}: at most one -1 is allowed.");
                infer = i;
            }
            else if (r[i] < 0) throw new TensorShapeException($"Reshape to {Format(target)}: negative extent.");
            else known *= r[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || size % known != 0) throw new TensorShapeException($"Cannot reshape {size} elements to {Format(target)}.");
            r[infer] = (int)(size / known);
        }
        else if (known != size) throw new TensorShapeException($"Cannot reshape {size} elements to {Format(target)}.");
        return r;
    }

    /// <summary>True when two shapes have the same rank and extents.</summary>
    public static bool Equal(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);
}
