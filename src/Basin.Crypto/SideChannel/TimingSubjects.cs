using Basin.Crypto.Cipher;

namespace Basin.Crypto.SideChannel;

/// <summary>
/// What <c>basin crypto dudect</c> times: the round function as deployed (constant time), its nibble-table evaluation
/// (secret-dependent table addresses), a deliberately leaky variant as the positive control (a branch on a secret bit that
/// evaluates F four more times for odd inputs), the whole block function (input = the right half of the block), and AES-128
/// (.NET's, AES-NI where present) on the same input as a reference.
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
        return
    [
        ("round function (constant time)", f.Evaluate),
        ("round function (nibble tables)", f.EvaluateTables),
        ("leaky control (branch on a secret bit)", x => (x & 1) == 0 ? f.Evaluate(x) : f.Evaluate(f.Evaluate(f.Evaluate(f.Evaluate(f.Evaluate(x)))))),
        ($"block function ({cipher.Rounds} rounds)", x => { ulong l = 0, r = x; cipher.Encrypt(ref l, ref r); return l ^ r; }),
        ("AES-128 block (.NET)", Aes),
    ];
    }
}
