using Basin.Crypto.Keys;
using Basin.Obfuscation.Transform;

namespace Basin.Fuzz;

/// <summary>
/// The fixed keys of the cipher and obfuscation targets, committed under <c>tests/fuzz/keys/</c> so that seeds, campaigns
/// and the corpus replay in CI decrypt with the same key on every machine. The folder is found from
/// <c>BASIN_FUZZ_KEYS</c> or by walking up from the executable to the repository.
/// </summary>
public static class FuzzKeys
{
    private static readonly Lazy<CipherKey> Cipher = new(() => CipherKey.Load(Path.Combine(Folder(), "cipher.key")));
    private static readonly Lazy<KeyedTransform> Obfuscation = new(() => new KeyedTransform(KeyFile.Load(Path.Combine(Folder(), "obfuscation.key"))));

    /// <summary>The cipher key (8 rounds).</summary>
    public static CipherKey CipherKey => Cipher.Value;

    /// <summary>The obfuscation transform (dimension 8).</summary>
    public static KeyedTransform ObfuscationTransform => Obfuscation.Value;

    /// <summary>The folder holding the key files.</summary>
    public static string Folder()
    {
        if (Environment.GetEnvironmentVariable("BASIN_FUZZ_KEYS") is { Length: > 0 } env) return env;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "tests", "fuzz", "keys");
            if (Directory.Exists(p)) return p;
        }
        throw new DirectoryNotFoundException("tests/fuzz/keys not found above the executable; set BASIN_FUZZ_KEYS.");
    }
}
