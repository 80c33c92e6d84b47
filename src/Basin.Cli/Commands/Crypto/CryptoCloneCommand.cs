using System.CommandLine;
using Basin.Crypto.Cryptanalysis;
using Spectre.Console;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto clone</c>: how well a network trained on known pairs clones the cipher, by round count and pairs.</summary>
public static class CryptoCloneCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.OptionalKey("Key to clone (default: a fresh key, 16 rounds, 300 training steps).");
        var rounds = CommonOptions.DoubleList("--rounds", "Round counts of the reduced ciphers.", [1, 2, 3, 4, 16]);
        var pairs = CommonOptions.DoubleList("--pairs", "Known (plaintext, ciphertext) pairs to train on.", [2000, 20000]);
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 10 };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var cmd = new Command("clone", "Train an MLP clone of the cipher from known pairs (the white paper: 'intractable to train or derive an encryption key clone'); bit and block accuracy on fresh plaintexts by round count and pairs.")
            { key, rounds, pairs, epochs, seed, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            if (p.GetValue(rounds)!.Any(r => r != Math.Floor(r) || r > 64)) throw new ArgumentException("--rounds must be whole numbers 1…64.");
            var k = CryptoCommands.LoadOrGenerate(p.GetValue(key), 16, 300);
            var results = new List<CloneResult>();
            foreach (var n in p.GetValue(pairs)!)
                foreach (var r in p.GetValue(rounds)!)
                {
                    Terminal.Note($"clone: {r} rounds, {n} pairs …");
                    results.Add(CloneAttack.Run(k.WithRounds((int)r).MessageCipher(new byte[16]), (int)n, epochs: p.GetValue(epochs), seed: p.GetValue(seed)));
                }
            if (p.GetValue(json))
            {
                JsonPrinter.Print(Basin.Studies.Crypto.CryptanalysisJson.Clones(results));
                return 0;
            }
            var t = new Table().AddColumns("rounds", "pairs", "bit accuracy (95 % CI)", "blocks right", "left-half bits");
            foreach (var c in results) t.AddRow($"{c.Rounds}", $"{c.Pairs}", $"{c.BitAccuracy.Value:F4} ({c.BitAccuracy.Lo:F4}–{c.BitAccuracy.Hi:F4})", $"{c.BlockAccuracy.Value:P2}", $"{c.LeftHalfAccuracy:F4}");
            AnsiConsole.Write(t);
            return 0;
        });
        return cmd;
    }
}
