using System.CommandLine;
using System.Diagnostics;
using Basin.Crypto.Evaluation;
using Basin.Studies.Crypto;
using Basin.Tensors.IO;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto dieharder</c>: dieharder on Basin's keystream and AES's, side by side, through standard input.</summary>
public static class CryptoDieharderCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.OptionalKey("Key whose keystream is tested (default: a fresh key, 16 rounds, 300 training steps).");
        var tests = new Option<string>("--tests") { Description = "dieharder's test selection: -a (all, an hour or more) or e.g. \"-d 0\".", DefaultValueFactory = _ => "-a" };
        var timeout = new Option<double>("--timeout-minutes") { Description = "Stop the battery after this long (tests finished so far are kept).", DefaultValueFactory = _ => 240 };
        var output = CommonOptions.OutOptional("Also write the JSON result to this file.");
        var json = CommonOptions.Json();
        var cmd = new Command("dieharder", "Run dieharder (keystream fed through stdin, -g 200, so no test rewinds a file) on Basin and on AES at the same time; per-test table.")
            { key, tests, timeout, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            if (Dieharder.Find() is null) throw new InvalidOperationException("dieharder is not installed (Debian: apt-get install dieharder).");
            var k = CryptoCommands.LoadOrGenerate(p.GetValue(key), 16, 300);
            var sw = Stopwatch.StartNew();
            var runs = DieharderBattery.Run(k, s => Terminal.Note($"  [{sw.Elapsed.TotalMinutes,5:F1} min] {s}"), new DieharderOptions(p.GetValue(tests)!, p.GetValue(timeout)));
            var doc = new System.Text.Json.Nodes.JsonObject
            {
                ["experimental"] = true,
                ["runs"] = new System.Text.Json.Nodes.JsonArray(runs.Select(r => (System.Text.Json.Nodes.JsonNode)CryptoReportJson.Dieharder(r)).ToArray()),
            };
            if (p.GetValue(output) is { } o) JsonOutput.Write(o, doc);
            if (p.GetValue(json)) JsonPrinter.Print(doc); else DieharderTable.Print(runs);
            return 0;
        });
        return cmd;
    }
}
