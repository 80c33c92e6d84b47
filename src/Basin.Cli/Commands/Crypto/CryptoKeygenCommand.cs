using System.CommandLine;
using System.Diagnostics;
using Basin.Crypto.Keys;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto keygen</c>: a CSPRNG (or passphrase) master secret and a round-function network trained data-free from it.</summary>
public static class CryptoKeygenCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var output = CommonOptions.OutOptional("Key file to write (8 522 bytes, mode 0600).", required: true);
        var rounds = new Option<int>("--rounds") { Description = "Feistel rounds.", DefaultValueFactory = _ => 16 };
        var steps = new Option<int>("--steps") { Description = "Data-free training steps of the round function.", DefaultValueFactory = _ => 300 };
        var pass = new Option<string?>("--passphrase-file") { Description = "Derive the master secret from the first line of this file (PBKDF2-SHA256, 600 000 iterations) instead of the CSPRNG." };
        var json = CommonOptions.Json();
        var cmd = new Command("keygen", "Create a key: CSPRNG (or passphrase) master secret and a round-function network trained data-free from it.") { output, rounds, steps, pass, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            string? phrase = null;
            if (p.GetValue(pass) is { } pf)
            {
                if (!File.Exists(pf)) throw new FileNotFoundException($"Passphrase file '{pf}' does not exist.");
                phrase = File.ReadLines(pf).FirstOrDefault() ?? "";
                if (phrase.Length < 8) throw new ArgumentException("The passphrase must have at least 8 characters.");
            }
            var sw = Stopwatch.StartNew();
            int total = p.GetValue(steps);
            var key = ProgressRunner.Run("training the round function", total, progress => CipherKey.Generate(p.GetValue(rounds), total, phrase, progress.Report), quiet: total == 0);
            key.Save(p.GetValue(output)!);
            string id = Convert.ToHexString(key.KeyId).ToLowerInvariant();
            if (p.GetValue(json))
                JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject { ["key"] = p.GetValue(output), ["rounds"] = key.Rounds, ["key_id"] = id, ["steps"] = total, ["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 2), ["experimental"] = true });
            else Console.WriteLine($"wrote {p.GetValue(output)} ({key.Rounds} rounds, key id {id}, {sw.Elapsed.TotalSeconds:F1} s). Keep it secret; EXPERIMENTAL cipher.");
            return 0;
        });
        return cmd;
    }
}
