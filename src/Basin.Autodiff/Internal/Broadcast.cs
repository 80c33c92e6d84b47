using System.Buffers;
using System.Numerics;
using Basin.Tensors;

namespace Basin.Autodiff;

/// <summary>How one operand of a broadcast binary op maps onto the output viewed as [outer × inner].</summary>
internal enum BroadcastKind
{
    /// <summary>Same number of elements as the output.</summary>
    Full,
    /// <summary>One element for everything.</summary>
    Scalar,
    /// <summary>Repeated over outer rows (a bias row vector: shape matches the output's trailing axes).</summary>
    Row,
    /// <summary>One element per outer row (a column vector: shape matches the output's leading axes, then ones).</summary>
    Column,
}

/// <summary>
/// NumPy-style broadcasting restricted to the patterns neural code needs: equal shapes, scalars, row vectors
/// over trailing axes (biases) and column vectors over leading axes (per-row scales), in any combination that
/// views the output as one [outer × inner] grid. Other patterns throw <see cref="TensorShapeException"/>.
/// </summary>
internal readonly struct Broadcast
{
    public readonly int[] Shape;
    public readonly int Outer, Inner;
    public readonly BroadcastKind A, B;

    private Broadcast(int[] shape, int outer, int inner, BroadcastKind a, BroadcastKind b)
    {
        Shape = shape; Outer = outer; Inner = inner; A = a; B = b;
    }

    public static Broadcast Plan(string op, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int r = Math.Max(a.Length, b.Length);
        var shape = new int[r];
        for (int i = 0; i < r; i++)
        {
            int da = Pad(a, r, i), db = Pad(b, r, i);
            if (da != db && da != 1 && db != 1) throw Fail(op, a, b, "do not broadcast");
            shape[i] = da == 1 ? db : da;
        }
        int total = Shapes.Size(shape);
        var (ka, ia) = Classify(a, shape, total);
        var (kb, ib) = Classify(b, shape, total);
        if (ka < 0 || kb < 0) throw Fail(op, a, b, "broadcast in a pattern other than scalar, row or column");
        int inner = total, outer = 1;
        bool fixedSplit = false;
        foreach (var (k, v) in new[] { (ka, ia), (kb, ib) })
        {
            if (k is BroadcastKind.Full or BroadcastKind.Scalar) continue;
            int inn = k == BroadcastKind.Row ? v : (v == 0 ? 0 : total / v);
            if (fixedSplit && inn != inner) throw Fail(op, a, b, "broadcast in a pattern other than scalar, row or column");
            inner = inn; outer = inner == 0 ? 0 : total / inner; fixedSplit = true;
        }
        if (ka == BroadcastKind.Column && outer != ia || kb == BroadcastKind.Column && outer != ib)
            throw Fail(op, a, b, "broadcast in a pattern other than scalar, row or column");
        return new Broadcast(shape, outer, inner, ka, kb);
    }

    private static (BroadcastKind, int) Classify(ReadOnlySpan<int> x, int[] shape, int total)
    {
        int r = shape.Length, n = Shapes.Size(x);
        if (n == total) return (BroadcastKind.Full, n);
        if (n == 1) return (BroadcastKind.Scalar, 1);
        int lead = 0;
        while (lead < r && Pad(x, r, lead) == 1) lead++;
        bool row = true;
        for (int i = lead; i < r; i++) row &= Pad(x, r, i) == shape[i];
        if (row) return (BroadcastKind.Row, n);
        int trail = r;
        while (trail > 0 && Pad(x, r, trail - 1) == 1) trail--;
        bool col = true;
        for (int i = 0; i < trail; i++) col &= Pad(x, r, i) == shape[i];
        if (col) return (BroadcastKind.Column, n);
        return ((BroadcastKind)(-1), n);
    }

    private static int Pad(ReadOnlySpan<int> s, int r, int i)
    {
        int j = i - (r - s.Length);
        return j < 0 ? 1 : s[j];
    }

    private static TensorShapeException Fail(string op, ReadOnlySpan<int> a, ReadOnlySpan<int> b, string what) =>
        new($"{op}: shapes {Shapes.Format(a)} and {Shapes.Format(b)} {what}.");

    /// <summary>Row <paramref name="o"/> of an operand as an inner-length span (scalars per row are expanded into <paramref name="scratch"/>).</summary>
    public ReadOnlySpan<T> RowOf<T>(ReadOnlySpan<T> x, BroadcastKind k, int o, Span<T> scratch) where T : unmanaged
    {
        switch (k)
        {
            case BroadcastKind.Full: return x.Slice(o * Inner, Inner);
            case BroadcastKind.Row: return x[..Inner];
            case BroadcastKind.Column: scratch.Fill(x[o]); return scratch;
            default: scratch.Fill(x[0]); return scratch;
        }
    }

    /// <summary>Adds a full-length contribution row into an operand's gradient, summing over broadcast axes.</summary>
    public void AccumulateRow<T>(Span<T> g, BroadcastKind k, int o, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (k)
        {
            case BroadcastKind.Full: { var d = g.Slice(o * Inner, Inner); TensorPrimitives.Add(d, row, d); break; }
            case BroadcastKind.Row: { var d = g[..Inner]; TensorPrimitives.Add(d, row, d); break; }
            case BroadcastKind.Column: g[o] += TensorPrimitives.Sum(row); break;
            default: g[0] += TensorPrimitives.Sum(row); break;
        }
    }

    public static T[] RentScratch<T>(int n) => ArrayPool<T>.Shared.Rent(Math.Max(n, 1));

    public static void ReturnScratch<T>(T[] a) => ArrayPool<T>.Shared.Return(a);
}
