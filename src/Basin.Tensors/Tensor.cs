using System.Numerics;
using System.Runtime.CompilerServices;

namespace Basin.Tensors;

/// <summary>
/// A dense, strided, row-major tensor of <typeparamref name="T"/> (float or double) over a shared buffer.
/// Slices along an axis, transposes and reshapes of contiguous data are views (no copy);
/// <see cref="Contiguous"/> materialises a packed copy when an operation needs one.
/// Element (i₀,…,i_{r−1}) lives at <c>Buffer[Offset + Σ i_k·Strides[k]]</c>.
/// </summary>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _shape;
    private readonly int[] _strides;

    /// <summary>The backing array, possibly shared with other views.</summary>
    public T[] Buffer { get; }

    /// <summary>Index of element (0,…,0) in <see cref="Buffer"/>.</summary>
    public int Offset { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>True when the elements are packed row-major from <see cref="Offset"/>.</summary>
    public bool IsContiguous { get; }

    /// <summary>Creates a packed tensor over <paramref name="buffer"/> (no copy).</summary>
    public Tensor(T[] buffer, params int[] shape) : this(buffer, 0, shape, Shapes.RowMajorStrides(shape))
    {
        if (buffer.Length < Length)
            throw new TensorShapeException($"Buffer of {buffer.Length} elements is too small for shape {Shapes.Format(shape)}.");
    }

    /// <summary>Creates a zero-filled packed tensor.</summary>
    public Tensor(params int[] shape) : this(new T[Shapes.Size(shape)], shape) { }

    internal Tensor(T[] buffer, int offset, int[] shape, int[] strides)
    {
        Buffer = buffer;
        Offset = offset;
        _shape = shape;
        _strides = strides;
        Length = Shapes.Size(shape);
        IsContiguous = ComputeContiguous(shape, strides);
    }

    /// <summary>Extents per axis.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Element strides per axis.</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>Number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>Extent of <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => _shape[NormAxis(axis)];

    /// <summary>Rows of a matrix (first extent).</summary>
    public int Rows => Rank >= 1 ? _shape[0] : 1;

    /// <summary>Columns of a matrix (last extent for rank 2).</summary>
    public int Cols => Rank == 2 ? _shape[1] : throw new TensorShapeException($"Cols needs a matrix; shape is {Shapes.Format(_shape)}.");

    /// <summary>The packed elements; throws for non-contiguous views (call <see cref="Contiguous"/> first).</summary>
    public Span<T> Span => IsContiguous
        ? Buffer.AsSpan(Offset, Length)
        : throw new InvalidOperationException($"Tensor view {Shapes.Format(_shape)} is not contiguous; call Contiguous() first.");

    /// <summary>Element access by full index.</summary>
    public T this[params int[] index]
    {
        get => Buffer[Locate(index)];
        set => Buffer[Locate(index)] = value;
    }

    /// <summary>Matrix element access.</summary>
    public T this[int i, int j]
    {
        get => Buffer[Locate2(i, j)];
        set => Buffer[Locate2(i, j)] = value;
    }

    /// <summary>Vector element access.</summary>
    public T this[int i]
    {
        get { CheckRank(1); CheckIndex(0, i); return Buffer[Offset + i * _strides[0]]; }
        set { CheckRank(1); CheckIndex(0, i); Buffer[Offset + i * _strides[0]] = value; }
    }

    /// <summary>Row <paramref name="i"/> of a packed matrix as a span.</summary>
    public Span<T> Row(int i)
    {
        CheckRank(2); CheckIndex(0, i);
        if (_strides[1] != 1) throw new InvalidOperationException("Row(i) needs unit column stride; call Contiguous() first.");
        return Buffer.AsSpan(Offset + i * _strides[0], _shape[1]);
    }

    /// <summary>View of <paramref name="length"/> entries of <paramref name="axis"/> starting at <paramref name="start"/>.</summary>
    public Tensor<T> Slice(int axis, int start, int length)
    {
        axis = NormAxis(axis);
        if (start < 0 || length < 0 || start + length > _shape[axis])
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice [{start}, {start + length}) out of range for axis {axis} of extent {_shape[axis]}.");
        var shape = (int[])_shape.Clone();
        shape[axis] = length;
        return new Tensor<T>(Buffer, Offset + start * _strides[axis], shape, (int[])_strides.Clone());
    }

    /// <summary>View with two axes exchanged (for a matrix, the transpose).</summary>
    public Tensor<T> Transpose(int axis0 = 0, int axis1 = 1)
    {
        axis0 = NormAxis(axis0); axis1 = NormAxis(axis1);
        var shape = (int[])_shape.Clone();
        var strides = (int[])_strides.Clone();
        (shape[axis0], shape[axis1]) = (shape[axis1], shape[axis0]);
        (strides[axis0], strides[axis1]) = (strides[axis1], strides[axis0]);
        return new Tensor<T>(Buffer, Offset, shape, strides);
    }

    /// <summary>Same elements with a new shape (one extent may be −1); a view when contiguous, else a copy.</summary>
    public Tensor<T> Reshape(params int[] shape)
    {
        var s = Shapes.Resolve(shape, Length);
        var src = IsContiguous ? this : Contiguous();
        return new Tensor<T>(src.Buffer, src.Offset, s, Shapes.RowMajorStrides(s));
    }

    /// <summary>This tensor when packed, otherwise a packed copy.</summary>
    public Tensor<T> Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A packed deep copy.</summary>
    public Tensor<T> Clone()
    {
        var dst = new Tensor<T>((int[])_shape.Clone());
        CopyTo(dst);
        return dst;
    }

    /// <summary>Copies the elements (in row-major order) into <paramref name="destination"/> of the same shape.</summary>
    public void CopyTo(Tensor<T> destination)
    {
        if (!Shapes.Equal(_shape, destination._shape))
            throw TensorShapeException.Mismatch("CopyTo", _shape, destination._shape);
        if (IsContiguous && destination.IsContiguous) { Span.CopyTo(destination.Span); return; }
        destination.Scatter(IsContiguous ? Span : ToArray());
    }

    /// <summary>The elements in row-major order as a new array.</summary>
    public T[] ToArray()
    {
        var r = new T[Length];
        Gather(r);
        return r;
    }

    /// <summary>Copies the elements in row-major order into <paramref name="dst"/>.</summary>
    public void Gather(Span<T> dst)
    {
        if (dst.Length < Length) throw new ArgumentException($"Destination of {dst.Length} is smaller than {Length}.", nameof(dst));
        if (IsContiguous) { Span.CopyTo(dst); return; }
        var it = new OffsetIterator(_shape, _strides, Offset);
        for (int i = 0; i < Length; i++) { dst[i] = Buffer[it.Current]; it.MoveNext(); }
    }

    /// <summary>Writes <paramref name="src"/> (row-major order) into this tensor's elements.</summary>
    public void Scatter(ReadOnlySpan<T> src)
    {
        if (src.Length != Length) throw new ArgumentException($"Source of {src.Length} elements does not fill {Shapes.Format(_shape)}.", nameof(src));
        if (IsContiguous) { src.CopyTo(Span); return; }
        var it = new OffsetIterator(_shape, _strides, Offset);
        for (int i = 0; i < Length; i++) { Buffer[it.Current] = src[i]; it.MoveNext(); }
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value)
    {
        if (IsContiguous) { Span.Fill(value); return; }
        var it = new OffsetIterator(_shape, _strides, Offset);
        for (int i = 0; i < Length; i++) { Buffer[it.Current] = value; it.MoveNext(); }
    }

    /// <summary>The single element of a one-element tensor.</summary>
    public T Scalar() => Length == 1 ? Buffer[Offset] : throw new InvalidOperationException($"Scalar() needs one element; shape is {Shapes.Format(_shape)}.");

    /// <summary>True when the shapes are equal.</summary>
    public bool SameShape(Tensor<T> other) => Shapes.Equal(_shape, other._shape);

    /// <summary>Throws a <see cref="TensorShapeException"/> unless the shape equals <paramref name="expected"/>.</summary>
    public Tensor<T> ExpectShape(string what, params int[] expected)
    {
        if (!Shapes.Equal(_shape, expected))
            throw new TensorShapeException($"{what}: expected shape {Shapes.Format(expected)}, got {Shapes.Format(_shape)}.");
        return this;
    }

    /// <summary>True when any element is NaN or infinite.</summary>
    public bool HasNonFinite()
    {
        var a = Contiguous().Span;
        foreach (var v in a) if (!T.IsFinite(v)) return true;
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Tensor<{typeof(T).Name}>{Shapes.Format(_shape)}";

    private struct OffsetIterator
    {
        private readonly int[] _shape, _strides;
        private readonly int[] _idx;
        public int Current;

        public OffsetIterator(int[] shape, int[] strides, int offset)
        {
            _shape = shape; _strides = strides; _idx = new int[shape.Length]; Current = offset;
        }

        public void MoveNext()
        {
            for (int ax = _shape.Length - 1; ax >= 0; ax--)
            {
                _idx[ax]++; Current += _strides[ax];
                if (_idx[ax] < _shape[ax]) return;
                Current -= _idx[ax] * _strides[ax]; _idx[ax] = 0;
            }
        }
    }

    private static bool ComputeContiguous(int[] shape, int[] strides)
    {
        // No elements: packed whatever the strides (RowMajorStrides counts a zero extent as 1, so without this a packed
        // [2×0] tensor was "not contiguous" and its Span, Clone().Span and safetensors writing threw).
        if (Array.IndexOf(shape, 0) >= 0) return true;
        int expect = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 1) continue;
            if (strides[i] != expect) return false;
            expect *= shape[i];
        }
        return true;
    }

    private int NormAxis(int axis)
    {
        int a = axis < 0 ? axis + Rank : axis;
        if ((uint)a >= (uint)Rank) throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} out of range for rank {Rank}.");
        return a;
    }

    private void CheckRank(int r)
    {
        if (Rank != r) throw new TensorShapeException($"Expected rank {r}, shape is {Shapes.Format(_shape)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckIndex(int axis, int i)
    {
        if ((uint)i >= (uint)_shape[axis]) throw new IndexOutOfRangeException($"Index {i} out of range for axis {axis} of extent {_shape[axis]}.");
    }

    private int Locate2(int i, int j)
    {
        CheckRank(2); CheckIndex(0, i); CheckIndex(1, j);
        return Offset + i * _strides[0] + j * _strides[1];
    }

    private int Locate(int[] index)
    {
        if (index.Length != Rank) throw new TensorShapeException($"Index of rank {index.Length} for tensor {Shapes.Format(_shape)}.");
        int off = Offset;
        for (int k = 0; k < index.Length; k++) { CheckIndex(k, index[k]); off += index[k] * _strides[k]; }
        return off;
    }
}
