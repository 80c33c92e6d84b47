using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Basin.Tensors;

/// <summary>
/// The element-wise updates of the integrators' inner loops (y ← y + αx, y ← αx, y ← y + x, clamping, gradient masks),
/// vectorised with the widest accelerated vector (512 bits where AVX-512 is on, else 256) and a scalar tail.
/// </summary>
/// <remarks>
/// <c>TensorPrimitives</c> (System.Numerics.Tensors 11) measured 0.4–0.6 ms for an in-place 196 000-element
/// multiply-add on the 2-core AVX2 machine, where the loop below takes 0.05 ms — about 10 % of an SA-nODE training
/// step was spent there. Every method accepts its output aliasing an input exactly (in-place use).
/// </remarks>
public static class SimdOps
{
    private static bool Use512<T>() where T : unmanaged => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported;
    private static bool Use256<T>() where T : unmanaged => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;

    /// <summary>y ← y + α·x over the length of <paramref name="x"/>.</summary>
    public static void MultiplyAddInPlace<T>(ReadOnlySpan<T> x, T alpha, Span<T> y) where T : unmanaged, INumber<T>
    {
        Check(x.Length, y.Length);
        ref T xr = ref MemoryMarshal.GetReference(x); ref T yr = ref MemoryMarshal.GetReference(y);
        int i = 0, n = x.Length;
        if (Use512<T>())
        {
            var a = Vector512.Create(alpha);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.LoadUnsafe(ref yr, (nuint)i) + a * Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        else if (Use256<T>())
        {
            var a = Vector256.Create(alpha);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref yr, (nuint)i) + a * Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) += alpha * Unsafe.Add(ref xr, i);
    }

    /// <summary>y ← α·x over the length of <paramref name="x"/>.</summary>
    public static void Scale<T>(ReadOnlySpan<T> x, T alpha, Span<T> y) where T : unmanaged, INumber<T>
    {
        Check(x.Length, y.Length);
        ref T xr = ref MemoryMarshal.GetReference(x); ref T yr = ref MemoryMarshal.GetReference(y);
        int i = 0, n = x.Length;
        if (Use512<T>())
        {
            var a = Vector512.Create(alpha);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                (a * Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        else if (Use256<T>())
        {
            var a = Vector256.Create(alpha);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                (a * Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) = alpha * Unsafe.Add(ref xr, i);
    }

    /// <summary>y ← y + x over the length of <paramref name="x"/>.</summary>
    public static void AddInPlace<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, INumber<T>
    {
        Check(x.Length, y.Length);
        ref T xr = ref MemoryMarshal.GetReference(x); ref T yr = ref MemoryMarshal.GetReference(y);
        int i = 0, n = x.Length;
        if (Use512<T>())
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.LoadUnsafe(ref yr, (nuint)i) + Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        else if (Use256<T>())
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref yr, (nuint)i) + Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref yr, i) += Unsafe.Add(ref xr, i);
    }

    /// <summary>y ← min(max(y, −limit), limit); NaN stays NaN.</summary>
    public static void ClampSymmetricInPlace<T>(Span<T> y, T limit) where T : unmanaged, INumber<T>
    {
        if (!(limit >= T.Zero)) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The clamp limit must be non-negative.");
        ref T yr = ref MemoryMarshal.GetReference(y);
        int i = 0, n = y.Length;
        // Compare-and-select rather than Min/Max so that NaN passes through unchanged on every runtime.
        if (Use512<T>())
        {
            var hi = Vector512.Create(limit); var lo = -hi;
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var v = Vector512.LoadUnsafe(ref yr, (nuint)i);
                v = Vector512.ConditionalSelect(Vector512.GreaterThan(v, hi), hi, v);
                v = Vector512.ConditionalSelect(Vector512.LessThan(v, lo), lo, v);
                v.StoreUnsafe(ref yr, (nuint)i);
            }
        }
        else if (Use256<T>())
        {
            var hi = Vector256.Create(limit); var lo = -hi;
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref yr, (nuint)i);
                v = Vector256.ConditionalSelect(Vector256.GreaterThan(v, hi), hi, v);
                v = Vector256.ConditionalSelect(Vector256.LessThan(v, lo), lo, v);
                v.StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            T v = Unsafe.Add(ref yr, i);
            if (v > limit) Unsafe.Add(ref yr, i) = limit;
            else if (v < -limit) Unsafe.Add(ref yr, i) = -limit;
        }
    }

    /// <summary>g_i ← 0 wherever |x_i| ≥ limit (the clamp's zero derivative), over the length of <paramref name="g"/>.</summary>
    public static void ZeroWhereMagnitudeAtLeast<T>(Span<T> g, ReadOnlySpan<T> x, T limit) where T : unmanaged, INumber<T>
    {
        Check(g.Length, x.Length);
        ref T gr = ref MemoryMarshal.GetReference(g); ref T xr = ref MemoryMarshal.GetReference(x);
        int i = 0, n = g.Length;
        if (Use512<T>())
        {
            var l = Vector512.Create(limit);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var mask = Vector512.GreaterThanOrEqual(Vector512.Abs(Vector512.LoadUnsafe(ref xr, (nuint)i)), l);
                Vector512.AndNot(Vector512.LoadUnsafe(ref gr, (nuint)i), mask).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        else if (Use256<T>())
        {
            var l = Vector256.Create(limit);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var mask = Vector256.GreaterThanOrEqual(Vector256.Abs(Vector256.LoadUnsafe(ref xr, (nuint)i)), l);
                Vector256.AndNot(Vector256.LoadUnsafe(ref gr, (nuint)i), mask).StoreUnsafe(ref gr, (nuint)i);
            }
        }
        for (; i < n; i++)
            if (T.Abs(Unsafe.Add(ref xr, i)) >= limit) Unsafe.Add(ref gr, i) = T.Zero;
    }

    private static void Check(int needed, int available)
    {
        if (available < needed) throw new ArgumentException($"The output holds {available} values, the input {needed}.");
    }
}
