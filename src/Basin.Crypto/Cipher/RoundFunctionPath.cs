using System.Runtime.Intrinsics.X86;

namespace Basin.Crypto.Cipher;

/// <summary>
/// The constant-time evaluations of <see cref="QuantizedRoundFunction"/>. Every path computes the same bits — the signs of
/// c_j + 2 Σ_i W[j,i] x_i with c_j = b_j − Σ_i W[j,i] (s = 2x − 1) — with memory addresses and branches that depend on
/// neither key nor data; they differ only in the instructions that form the sums.
/// </summary>
public enum RoundFunctionPath
{
    /// <summary>Scalar: W[j,i] masked by −x_i and added, one weight at a time (any CPU; the slowest).</summary>
    Portable,

    /// <summary>
    /// Scalar bit planes: with W = Σ_{k&lt;7} 2^k w_k − 2⁷ w_7 (two's complement, w_k[j] the 64-bit mask of bit k of row j),
    /// Σ_i W[j,i] x_i = Σ_{k&lt;7} 2^k popcount(w_k[j] ∧ x) − 2⁷ popcount(w_7[j] ∧ x): 512 population counts per layer
    /// (<c>popcnt</c> on x86 and <c>cnt</c> on Arm take constant time; the software fallback is branch-free arithmetic).
    /// </summary>
    BitPlane,

    /// <summary>AVX2 <c>vpmaddubsw</c> (u8 × s8 → pairs of int16) on 256-bit vectors: eight rows × four inputs per instruction.</summary>
    Avx2,

    /// <summary>AVX-VNNI <c>vpdpbusd</c> (u8 × s8, four products summed into int32) on 256-bit vectors: eight rows × four inputs per instruction.</summary>
    AvxVnni256,

    /// <summary>
    /// AVX-512BW <c>vpmaddubsw</c> on 512-bit vectors: sixteen rows × four inputs per instruction, int16 pair sums
    /// accumulated with <c>vpaddw</c> and folded to int32 once per layer by <c>vpmaddwd</c> with ones. (.NET 10 exposes the
    /// 512-bit <c>vpdpbusd</c> only under AVX10.1, which AVX-512-VNNI CPUs without AVX10, e.g. AMD Zen 4, do not report.)
    /// </summary>
    Avx512BW,
}

/// <summary>The catalogue of constant-time round-function paths: which this CPU supports and which is deployed.</summary>
public static class RoundFunctionPaths
{
    /// <summary>Every path, slowest first.</summary>
    public static IReadOnlyList<RoundFunctionPath> All { get; } = Enum.GetValues<RoundFunctionPath>();

    /// <summary>Whether this process can run <paramref name="path"/>.</summary>
    public static bool IsSupported(RoundFunctionPath path) => path switch
    {
        RoundFunctionPath.Portable or RoundFunctionPath.BitPlane => true,
        RoundFunctionPath.Avx2 => Avx2.IsSupported,
        RoundFunctionPath.AvxVnni256 => AvxVnni.IsSupported,
        RoundFunctionPath.Avx512BW => Avx512BW.IsSupported,
        _ => false,
    };

    /// <summary>
    /// The path <see cref="QuantizedRoundFunction.Evaluate(ulong)"/> uses: AVX-VNNI where present (measured on an Intel Xeon),
    /// else AVX-512BW (measured fastest on AMD EPYC Zen 4), else AVX2, else the bit planes.
    /// </summary>
    public static RoundFunctionPath Deployed { get; } =
        AvxVnni.IsSupported ? RoundFunctionPath.AvxVnni256
        : Avx512BW.IsSupported ? RoundFunctionPath.Avx512BW
        : Avx2.IsSupported ? RoundFunctionPath.Avx2
        : RoundFunctionPath.BitPlane;

    /// <summary>The name used in reports and on the command line (<c>portable</c>, <c>bit-plane</c>, <c>avx2</c>, <c>avx-vnni-256</c>, <c>avx512bw</c>).</summary>
    public static string Name(RoundFunctionPath path) => path switch
    {
        RoundFunctionPath.Portable => "portable",
        RoundFunctionPath.BitPlane => "bit-plane",
        RoundFunctionPath.Avx2 => "avx2",
        RoundFunctionPath.AvxVnni256 => "avx-vnni-256",
        RoundFunctionPath.Avx512BW => "avx512bw",
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };
}
