using System.CommandLine;
using Basin.Crypto.Keys;

namespace Basin.Cli.Commands.Crypto;

/// <summary>
/// <c>basin crypto keygen|encrypt|decrypt|eval|stream|bench</c>: the EXPERIMENTAL stochastic-attractor cipher and the
/// harness that measures it next to AES. Not a replacement for AES-GCM.
/// </summary>
public static class CryptoCommands
{
    /// <summary>Adds <c>crypto</c> to <paramref name="root"/>.</summary>
    public static void Register(RootCommand root) =>
        root.Subcommands.Add(new Command("crypto", "EXPERIMENTAL cipher built on data-free stochastic attractors, and its evaluation next to AES. Not for real secrets.")
        {
            CryptoKeygenCommand.Create(), CryptoEncryptCommand.Create(), CryptoDecryptCommand.Create(), CryptoEvalCommand.Create(),
            CryptoStreamCommand.Create(), CryptoBenchCommand.Create(), CryptoDieharderCommand.Create(),
            CryptoAnalyzeCommand.Create(), CryptoDudectCommand.Create(), CryptoCloneCommand.Create(),
        });

    /// <summary><c>--key</c>: a key file from <c>basin crypto keygen</c>.</summary>
    public static Option<string> Key(string description = "Key file from basin crypto keygen.") => new("--key") { Description = description, Required = true };

    /// <summary><c>--key</c> when a fresh key may stand in for it.</summary>
    public static Option<string?> OptionalKey(string description) => new("--key") { Description = description };

    /// <summary>The IN and OUT arguments of encrypt and decrypt.</summary>
    public static (Argument<string> In, Argument<string> Out) Files() =>
        (new Argument<string>("in") { Description = "Input file (never modified)." }, new Argument<string>("out") { Description = "Output file (written atomically)." });

    /// <summary>The JSON result of a file operation: input, output, bytes, seconds, MB/s, key id and rounds.</summary>
    public static System.Text.Json.Nodes.JsonObject FileResult(string? input, string output, long bytes, double seconds, CipherKey key) => new()
    {
        ["input"] = input, ["output"] = output, ["bytes"] = bytes, ["seconds"] = seconds, ["mb_per_s"] = bytes / 1e6 / Math.Max(1e-9, seconds),
        ["key_id"] = Convert.ToHexStringLower(key.KeyId), ["rounds"] = key.Rounds, ["experimental"] = true,
    };

    /// <summary>The key at <paramref name="path"/>, or a fresh one (<paramref name="rounds"/> rounds, <paramref name="steps"/> training steps).</summary>
    public static CipherKey LoadOrGenerate(string? path, int rounds, int steps) => path is { } p ? CipherKey.Load(p) : CipherKey.Generate(rounds, steps);
}
