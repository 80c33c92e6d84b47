using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Basin.SaNode;

/// <summary>
/// Vectorised kernels of the double-well reaction f(x) = −∂V/∂x = 4|γ| x (a² − x²), V = γ Σ (xᵢ² − a²)²
/// (paper eq. 1), its derivative f'(x) = 4|γ|(a² − 3x²), and the γ-cotangent Σ cᵢ xᵢ(a² − xᵢ²).
/// </summary>
public static class DoubleWell
{
    /// <summary>k ← k + 4|γ|·u(a² − u²), element-wise.</summary>
    public static void AddReaction<T>(ReadOnlySpan<T> u, Span<T> k, T fourGamma, T a2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k.Length < u.Length) throw new ArgumentException("AddReaction: output shorter than input.");
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var g = Vector512.Create(fourGamma); var aa = Vector512.Create(a2);
            ref T ur = ref MemoryMarshal.GetReference(u); ref T kr = ref MemoryMarshal.GetReference(k);
            for (; i <= u.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var x = Vector512.LoadUnsafe(ref ur, (nuint)i);
                var r = Vector512.LoadUnsafe(ref kr, (nuint)i) + g * x * (aa - x * x);
                r.StoreUnsafe(ref kr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var g = Vector256.Create(fourGamma); var aa = Vector256.Create(a2);
            ref T ur = ref MemoryMarshal.GetReference(u); ref T kr = ref MemoryMarshal.GetReference(k);
            for (; i <= u.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var x = Vector256.LoadUnsafe(ref ur, (nuint)i);
                var r = Vector256.LoadUnsafe(ref kr, (nuint)i) + g * x * (aa - x * x);
                r.StoreUnsafe(ref kr, (nuint)i);
            }
        }
        for (; i < u.Length; i++) { T x = u[i]; k[i] += fourGamma * x * (a2 - x * x); }
    }

    /// <summary>du ← du + c ⊙ 4|γ|(a² − 3u²), element-wise (the reaction's part of Jᵀc).</summary>
    public static void AddReactionVjp<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> c, Span<T> du, T fourGamma, T a2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.Length < u.Length || du.Length < u.Length) throw new ArgumentException("AddReactionVjp: buffers shorter than input.");
        T three = T.CreateTruncating(3);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var g = Vector512.Create(fourGamma); var aa = Vector512.Create(a2); var t3 = Vector512.Create(three);
            ref T ur = ref MemoryMarshal.GetReference(u); ref T cr = ref MemoryMarshal.GetReference(c); ref T dr = ref MemoryMarshal.GetReference(du);
            for (; i <= u.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var x = Vector512.LoadUnsafe(ref ur, (nuint)i);
                var cc = Vector512.LoadUnsafe(ref cr, (nuint)i);
                var r = Vector512.LoadUnsafe(ref dr, (nuint)i) + cc * g * (aa - t3 * x * x);
                r.StoreUnsafe(ref dr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var g = Vector256.Create(fourGamma); var aa = Vector256.Create(a2); var t3 = Vector256.Create(three);
            ref T ur = ref MemoryMarshal.GetReference(u); ref T cr = ref MemoryMarshal.GetReference(c); ref T dr = ref MemoryMarshal.GetReference(du);
            for (; i <= u.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var x = Vector256.LoadUnsafe(ref ur, (nuint)i);
                var cc = Vector256.LoadUnsafe(ref cr, (nuint)i);
                var r = Vector256.LoadUnsafe(ref dr, (nuint)i) + cc * g * (aa - t3 * x * x);
                r.StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < u.Length; i++) { T x = u[i]; du[i] += c[i] * fourGamma * (a2 - three * x * x); }
    }

    /// <summary>
    /// The element-wise half of a fused Euler step (the other half, next = βΔt·x Aᵀ, is the GEMM already in
    /// <paramref name="next"/>): next ← clamp(next + x + Δt·4|γ|·x(a² − x²), ±clip); no clamp when clip ≤ 0.
    /// </summary>
    public static void EulerUpdate<T>(ReadOnlySpan<T> x, Span<T> next, T dtFourGamma, T a2, T clip) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (next.Length < x.Length) throw new ArgumentException("EulerUpdate: output shorter than input.");
        bool clamp = clip > T.Zero;
        T lo = clamp ? -clip : T.NegativeInfinity, hi = clamp ? clip : T.PositiveInfinity;
        int i = 0;
        ref T xr = ref MemoryMarshal.GetReference(x); ref T nr = ref MemoryMarshal.GetReference(next);
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var g = Vector512.Create(dtFourGamma); var aa = Vector512.Create(a2); var vlo = Vector512.Create(lo); var vhi = Vector512.Create(hi);
            for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var v = Vector512.LoadUnsafe(ref xr, (nuint)i);
                var r = Vector512.LoadUnsafe(ref nr, (nuint)i) + v + g * v * (aa - v * v);
                Vector512.Min(Vector512.Max(r, vlo), vhi).StoreUnsafe(ref nr, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var g = Vector256.Create(dtFourGamma); var aa = Vector256.Create(a2); var vlo = Vector256.Create(lo); var vhi = Vector256.Create(hi);
            for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var r = Vector256.LoadUnsafe(ref nr, (nuint)i) + v + g * v * (aa - v * v);
                Vector256.Min(Vector256.Max(r, vlo), vhi).StoreUnsafe(ref nr, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            T v = x[i];
            next[i] = T.Min(T.Max(next[i] + v + dtFourGamma * v * (a2 - v * v), lo), hi);
        }
    }

    /// <summary>
    /// The element-wise half of a fused Euler adjoint step (the other half, gOut = βΔt·g A, is the GEMM already in
    /// <paramref name="gradOut"/>): with c = Δt·g, gOut ← gOut + g + c ⊙ 4|γ|(a² − 3x²); writes c to <paramref name="cotangent"/>
    /// when it is not empty (the ∂L/∂A stack), and returns Σ cᵢ xᵢ(a² − xᵢ²) (the γ-cotangent, accumulated in double).
    /// </summary>
    public static double EulerAdjoint<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> gradOut, Span<T> cotangent, T dt, T fourGamma, T a2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.Length < x.Length || gradOut.Length < x.Length) throw new ArgumentException("EulerAdjoint: buffers shorter than input.");
        bool store = !cotangent.IsEmpty;
        if (store && cotangent.Length < x.Length) throw new ArgumentException("EulerAdjoint: cotangent buffer shorter than input.");
        T three = T.CreateTruncating(3);
        double total = 0;
        int i = 0;
        ref T xr = ref MemoryMarshal.GetReference(x); ref T gr = ref MemoryMarshal.GetReference(g);
        ref T or = ref MemoryMarshal.GetReference(gradOut); ref T cr = ref MemoryMarshal.GetReference(cotangent);
        const int block = 1024;   // partial sums in T over at most this many elements, then into double
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var vdt = Vector512.Create(dt); var vg = Vector512.Create(fourGamma); var aa = Vector512.Create(a2); var t3 = Vector512.Create(three);
            while (i <= x.Length - Vector512<T>.Count)
            {
                var acc = Vector512<T>.Zero;
                int end = Math.Min(x.Length - Vector512<T>.Count, i + block);
                for (; i <= end; i += Vector512<T>.Count)
                {
                    var v = Vector512.LoadUnsafe(ref xr, (nuint)i);
                    var gg = Vector512.LoadUnsafe(ref gr, (nuint)i);
                    var c = vdt * gg;
                    var v2 = v * v;
                    (Vector512.LoadUnsafe(ref or, (nuint)i) + gg + c * vg * (aa - t3 * v2)).StoreUnsafe(ref or, (nuint)i);
                    if (store) c.StoreUnsafe(ref cr, (nuint)i);
                    acc += c * v * (aa - v2);
                }
                total += double.CreateTruncating(Vector512.Sum(acc));
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var vdt = Vector256.Create(dt); var vg = Vector256.Create(fourGamma); var aa = Vector256.Create(a2); var t3 = Vector256.Create(three);
            while (i <= x.Length - Vector256<T>.Count)
            {
                var acc = Vector256<T>.Zero;
                int end = Math.Min(x.Length - Vector256<T>.Count, i + block);
                for (; i <= end; i += Vector256<T>.Count)
                {
                    var v = Vector256.LoadUnsafe(ref xr, (nuint)i);
                    var gg = Vector256.LoadUnsafe(ref gr, (nuint)i);
                    var c = vdt * gg;
                    var v2 = v * v;
                    (Vector256.LoadUnsafe(ref or, (nuint)i) + gg + c * vg * (aa - t3 * v2)).StoreUnsafe(ref or, (nuint)i);
                    if (store) c.StoreUnsafe(ref cr, (nuint)i);
                    acc += c * v * (aa - v2);
                }
                total += double.CreateTruncating(Vector256.Sum(acc));
            }
        }
        for (; i < x.Length; i++)
        {
            T v = x[i], c = dt * g[i];
            gradOut[i] += g[i] + c * fourGamma * (a2 - three * v * v);
            if (store) cotangent[i] = c;
            total += double.CreateTruncating(c * v * (a2 - v * v));
        }
        return total;
    }

    /// <summary>Σᵢ cᵢ uᵢ (a² − uᵢ²), accumulated in double: ∂/∂(4|γ|) of ⟨c, f(u)⟩.</summary>
    public static double ReactionCotangent<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> c, T a2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double total = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var aa = Vector512.Create(a2);
            ref T ur = ref MemoryMarshal.GetReference(u); ref T cr = ref MemoryMarshal.GetReference(c);
            const int block = 1024;
            while (i <= u.Length - Vector512<T>.Count)
            {
                var acc = Vector512<T>.Zero;
                int end = Math.Min(u.Length - Vector512<T>.Count, i + block);
                for (; i <= end; i += Vector512<T>.Count)
                {
                    var x = Vector512.LoadUnsafe(ref ur, (nuint)i);
                    acc += Vector512.LoadUnsafe(ref cr, (nuint)i) * x * (aa - x * x);
                }
                total += double.CreateTruncating(Vector512.Sum(acc));
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var aa = Vector256.Create(a2);
            ref T ur = ref MemoryMarshal.GetReference(u); ref T cr = ref MemoryMarshal.GetReference(c);
            const int block = 1024;
            while (i <= u.Length - Vector256<T>.Count)
            {
                var acc = Vector256<T>.Zero;
                int end = Math.Min(u.Length - Vector256<T>.Count, i + block);
                for (; i <= end; i += Vector256<T>.Count)
                {
                    var x = Vector256.LoadUnsafe(ref ur, (nuint)i);
                    acc += Vector256.LoadUnsafe(ref cr, (nuint)i) * x * (aa - x * x);
                }
                total += double.CreateTruncating(Vector256.Sum(acc));
            }
        }
        for (; i < u.Length; i++) { T x = u[i]; total += double.CreateTruncating(c[i] * x * (a2 - x * x)); }
        return total;
    }

    /// <summary>Scalar f(x) = 4|γ| x (a² − x²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Reaction(double x, double gamma, double a) => 4 * Math.Abs(gamma) * x * (a * a - x * x);

    /// <summary>Scalar f'(x) = 4|γ|(a² − 3x²); at x = ±a it equals −8|γ|a² (paper §II.B).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReactionDerivative(double x, double gamma, double a) => 4 * Math.Abs(gamma) * (a * a - 3 * x * x);
}
