using System.Security.Cryptography;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;

namespace Basin.Fuzz.Crash;

/// <summary><c>crypto encrypt</c> and <c>crypto decrypt</c> of a 1 MiB file: the output is absent or decrypts to the plaintext.</summary>
public sealed class CryptoScenario(bool encrypt) : CrashScenario
{
    public override string Name => encrypt ? "crypto encrypt" : "crypto decrypt";
    private static string Key(string d) => Path.Combine(d, "k.key");
    private static string Plain(string d) => Path.Combine(d, "plain.bin");
    private static string Cipher(string d) => Path.Combine(d, "cipher.bct");
    private string Out(string d) => Path.Combine(d, encrypt ? "out.bct" : "out.bin");

    public override void Prepare(string dir)
    {
        var key = new CipherKey(RandomNumberGenerator.GetBytes(32), 8, RoundFunctionTrainer.Train(7, steps: 0));
        key.Save(Key(dir));
        File.WriteAllBytes(Plain(dir), RandomNumberGenerator.GetBytes(1 << 20));
        CipherStream.EncryptFile(key, Plain(dir), Cipher(dir));
    }

    public override string[] Arguments(string dir) => ["crypto", encrypt ? "encrypt" : "decrypt", "--key", Key(dir), encrypt ? Plain(dir) : Cipher(dir), Out(dir)];
    public override IEnumerable<string> Inputs(string dir) => [Key(dir), Plain(dir), Cipher(dir)];

    public override int ValidateOutputs(string dir)
    {
        if (!File.Exists(Out(dir))) return 0;
        var plain = File.ReadAllBytes(Plain(dir));
        byte[] got;
        if (encrypt)
        {
            using var ms = new MemoryStream();
            using (var f = File.OpenRead(Out(dir))) CipherStream.Decrypt(CipherKey.Load(Key(dir)), f, ms);
            got = ms.ToArray();
        }
        else got = File.ReadAllBytes(Out(dir));
        if (!got.AsSpan().SequenceEqual(plain)) throw new InvalidDataException($"{Out(dir)}: does not give back the plaintext");
        return 1;
    }
}
