using System.CommandLine;
using Basin.Crypto.SideChannel;
using Spectre.Console;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto dudect</c>: timing-leakage tests of the round function, the block function, AES and a leaky control.</summary>
public static class CryptoDudectCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.OptionalKey("Key whose round function and cipher are timed (default: a fresh untrained-network key).");
        var n = new Option<long>("--measurements") { Description = "Measurements per subject (dudect: at least 10⁶ for a claim).", DefaultValueFactory = _ => 1_000_000 };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var cmd = new Command("dudect", "dudect timing test (fixed vs random inputs, Welch's t, |t| > 4.5 = leak) of the constant-time round function, the nibble-table evaluation, the 16-round block function, AES-128 and a deliberately leaky control.")
            { key, n, seed, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = CryptoCommands.LoadOrGenerate(p.GetValue(key), 16, 0);
            var subjects = TimingSubjects.For(k.RoundFunction, k.MessageCipher(new byte[16]));
            var results = new List<DudectResult>();
            foreach (var (name, subject) in subjects)
            {
                Terminal.Note($"dudect: {name} …");
                results.Add(Dudect.Run(name, subject, p.GetValue(n), seed: p.GetValue(seed)));
            }
            if (p.GetValue(json))
            {
                JsonPrinter.Print(Basin.Studies.Crypto.CryptanalysisJson.Dudect(results));
                return 0;
            }
            var t = new Table().AddColumns("subject", "measurements", "max |t|", "raw t", "fixed ns/call", "random ns/call", "verdict");
            foreach (var r in results)
                t.AddRow(Markup.Escape(r.Subject), $"{r.Measurements}", $"{r.MaxAbsT:F2}", $"{r.RawT:F2}", $"{r.MeanFixedNs:F1}", $"{r.MeanRandomNs:F1}", r.Leaks ? "leaks (|t| > 4.5)" : "no leak found");
            AnsiConsole.Write(t);
            return 0;
        });
        return cmd;
    }
}
