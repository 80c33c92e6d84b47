using System.CommandLine;
using Basin.Crypto.Evaluation;
using Basin.Crypto.Keys;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto stream</c>: raw keystream (nonce 0) for external test batteries such as dieharder.</summary>
public static class CryptoStreamCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.Key("Key file.");
        var bytes = new Option<long>("--bytes") { Description = "Keystream bytes to write.", DefaultValueFactory = _ => 64_000_000 };
        var rounds = new Option<int?>("--rounds") { Description = "Override the round count (e.g. 1 for the weak baseline)." };
        var output = CommonOptions.OutOptional("Binary file for dieharder (-g 201 -f FILE) or other batteries.", required: true);
        var json = CommonOptions.Json();
        var cmd = new Command("stream", "Write raw keystream (nonce 0) for external test batteries such as dieharder.") { key, bytes, rounds, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = CipherKey.Load(p.GetValue(key)!);
            if (p.GetValue(rounds) is int r) k = k.WithRounds(r);
            long total = p.GetValue(bytes);
            if (total <= 0) throw new ArgumentException("--bytes must be positive.");
            var sw = System.Diagnostics.Stopwatch.StartNew();
            Keystream.WriteFile(k, p.GetValue(output)!, total);
            if (p.GetValue(json)) JsonPrinter.Print(CryptoCommands.FileResult(null, p.GetValue(output)!, total, sw.Elapsed.TotalSeconds, k));
            Terminal.Note($"wrote {total} keystream bytes to {p.GetValue(output)}");
            return 0;
        });
        return cmd;
    }
}
