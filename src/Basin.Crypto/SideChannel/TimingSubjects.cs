using Basin.Crypto.Cipher;

namespace Basin.Crypto.SideChannel;

/// <summary>
/// What <c>basin crypto dudect</c> times: the round function as deployed (constant time), every other constant-time path
/// this CPU runs (<see cref="RoundFunctionPath"/>), four round functions at once (<see cref="QuantizedRoundFunction.Evaluate4(ref ulong, ref ulong, ref ulong, ref ulong)"/>
/// on x, x ⊕ 1, x ⊕ 2, x ⊕ 3), its nibble-table evaluation (secret-dependent table addresses), a deliberately leaky variant
/// as the positive control (a branch on a secret bit that evaluates F four more times for odd inputs), the whole block
/// function (input = the right half of the block), four blocks of keystream at once (counter x … x + 3, the batched path of
/// the file format), and AES-128 (.NET's, AES-NI where present) on the same input as a reference.
/// </summary>
public static class TimingSubjects
{
    /// <summary>The subjects for <paramref name="f"/> and <paramref name="cipher"/>, by name.</summary>
    public static IReadOnlyList<(string Name, Func<ulong, ulong> Subject)> For(QuantizedRoundFunction f, FeistelCipher cipher)
    {
        var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var block = new byte[16];
        var output = new byte[16];
        ulong Aes(ulong x)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(block, x);
            aes.EncryptEcb(block, output, System.Security.Cryptography.PaddingMode.None);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(output);
        }
        ulong Four(ulong x)
        {
            ulong a = x, b = x ^ 1, c = x ^ 2, d = x ^ 3;
            f.Evaluate4(ref a, ref b, ref c, ref d);
            return a ^ b ^ c ^ d;
        }
        var keystream = new byte[64];
        ulong Keystream4(ulong x)
        {
            keystream.AsSpan().Clear();
            cipher.XorKeystream(keystream, x);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(keystream) ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(keystream.AsSpan(56));
        }
        var deployed = RoundFunctionPaths.Deployed;
        var others = RoundFunctionPaths.All.Where(p => p != deployed && RoundFunctionPaths.IsSupported(p))
            .Select(p => ($"round function (constant time, {RoundFunctionPaths.Name(p)})", (Func<ulong, ulong>)(x => f.Evaluate(x, p))));
        return
    [
        ($"round function (constant time, deployed: {RoundFunctionPaths.Name(deployed)})", f.Evaluate),
        .. others,
        ("round function ×4 (constant time, batched)", Four),
        ("round function (nibble tables)", f.EvaluateTables),
        ("leaky control (branch on a secret bit)", x => (x & 1) == 0 ? f.Evaluate(x) : f.Evaluate(f.Evaluate(f.Evaluate(f.Evaluate(f.Evaluate(x)))))),
        ($"block function ({cipher.Rounds} rounds)", x => { ulong l = 0, r = x; cipher.Encrypt(ref l, ref r); return l ^ r; }),
        ($"keystream, 4 blocks ({cipher.Rounds} rounds, batched)", Keystream4),
        ("AES-128 block (.NET)", Aes),
    ];
    }
}
