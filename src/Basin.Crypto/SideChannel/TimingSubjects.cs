using Basin.Crypto.Cipher;

namespace Basin.Crypto.SideChannel;

/// <summary>
/// What <c>basin crypto dudect</c> times: the round function as deployed (constant time), its nibble-table evaluation
/// (secret-dependent table addresses), a deliberately leaky variant as the positive control (a branch on a secret bit that
/// evaluates F four more times for odd inputs), and the whole 16-round block function (input = the right half of the block).
/// </summary>
public static class TimingSubjects
{
    /// <summary>The subjects for <paramref name="f"/> and <paramref name="cipher"/>, by name.</summary>
    public static IReadOnlyList<(string Name, Func<ulong, ulong> Subject)> For(QuantizedRoundFunction f, FeistelCipher cipher) =>
    [
        ("round function (constant time)", f.Evaluate),
        ("round function (nibble tables)", f.EvaluateTables),
        ("leaky control (branch on a secret bit)", x => (x & 1) == 0 ? f.Evaluate(x) : f.Evaluate(f.Evaluate(f.Evaluate(f.Evaluate(f.Evaluate(x)))))),
        ($"block function ({cipher.Rounds} rounds)", x => { ulong l = 0, r = x; cipher.Encrypt(ref l, ref r); return l ^ r; }),
    ];
}
