using System.Numerics;

namespace Basin.Tensors;

/// <summary>Factories for <see cref="Tensor{T}"/>.</summary>
public static class Tensor
{
    /// <summary>A zero-filled tensor.</summary>
    public static Tensor<T> Zeros<T>(params int[] shape) where T : unmanaged, IFloatingPointIeee754<T> => new(shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Full<T>(T value, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(shape);
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor<T> Ones<T>(params int[] shape) where T : unmanaged, IFloatingPointIeee754<T> => Full(T.One, shape);

    /// <summary>A tensor that copies <paramref name="values"/> (row-major) into the given shape.</summary>
    public static Tensor<T> FromSpan<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (values.Length != Shapes.Size(shape))
            throw new TensorShapeException($"{values.Length} values do not fill shape {Shapes.Format(shape)}.");
        var t = new Tensor<T>(shape);
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>A scalar (rank 0) tensor.</summary>
    public static Tensor<T> Scalar<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> => new(new[] { value }, Array.Empty<int>());

    /// <summary>Identity matrix n×n.</summary>
    public static Tensor<T> Eye<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(n, n);
        for (int i = 0; i < n; i++) t[i, i] = T.One;
        return t;
    }

    /// <summary>Entries drawn i.i.d. uniform on [lo, hi).</summary>
    public static Tensor<T> Uniform<T>(Rng rng, T lo, T hi, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(shape);
        rng.FillUniform(t.Span, lo, hi);
        return t;
    }

    /// <summary>Entries drawn i.i.d. from 𝒩(mean, std²).</summary>
    public static Tensor<T> Normal<T>(Rng rng, T mean, T std, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(shape);
        rng.FillNormal(t.Span, mean, std);
        return t;
    }

    /// <summary>Converts element type (float ↔ double), always copying.</summary>
    public static Tensor<TTo> Cast<TFrom, TTo>(Tensor<TFrom> src)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom>
        where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        var s = src.Contiguous().Span;
        var dst = new Tensor<TTo>(src.Shape.ToArray());
        var d = dst.Span;
        for (int i = 0; i < s.Length; i++) d[i] = TTo.CreateTruncating(s[i]);
        return dst;
    }
}
