using System.CommandLine;
using System.Text.Json.Nodes;
using Basin.Crypto.Cryptanalysis;
using Basin.Studies.Crypto;
using Basin.Tensors.IO;
using Spectre.Console;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto analyze</c>: differential and linear cryptanalysis, the characteristic margin and reduced-round distinguishers.</summary>
public static class CryptoAnalyzeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.OptionalKey("Key to analyse (default: a fresh key, 16 rounds, 300 training steps).");
        var d = new CipherAnalysisOptions();
        var samples = new Option<int>("--samples") { Description = "Inputs per differential profile and linear bias.", DefaultValueFactory = _ => d.Samples };
        var twoBit = new Option<int>("--two-bit") { Description = "Two-bit input differences profiled (of 2 016).", DefaultValueFactory = _ => d.TwoBitDifferences };
        var rounds = new Option<int>("--search-rounds") { Description = "Rounds of the characteristic search (the margin is extrapolated beyond).", DefaultValueFactory = _ => d.SearchRounds };
        var beam = new Option<int>("--beam") { Description = "Partial characteristics kept per round.", DefaultValueFactory = _ => d.Beam };
        var pairs = new Option<int>("--pairs") { Description = "Pairs per reduced-round distinguisher.", DefaultValueFactory = _ => d.DistinguisherPairs };
        var seed = CommonOptions.Seed();
        var output = CommonOptions.OutOptional("Also write the JSON result to this file.");
        var json = CommonOptions.Json();
        var cmd = new Command("analyze", "Cryptanalysis of the EXPERIMENTAL cipher: differential and linear behaviour of the round function, the best iterated characteristic and the round count where it falls below 2^-128, counter-adjacent and related-key distinguishers by round count.")
            { key, samples, twoBit, rounds, beam, pairs, seed, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var o = new CipherAnalysisOptions(p.GetValue(samples), p.GetValue(twoBit), p.GetValue(rounds), p.GetValue(beam), p.GetValue(pairs), 0, p.GetValue(seed)).Validate();
            var k = CryptoCommands.LoadOrGenerate(p.GetValue(key), 16, 300);
            var r = CipherAnalysis.Run(k, o, Terminal.Note);
            JsonObject doc = CryptanalysisJson.Result(r);
            if (p.GetValue(output) is { } file) JsonOutput.Write(file, doc);
            if (p.GetValue(json)) { JsonPrinter.Print(doc); return 0; }
            Print(r);
            return 0;
        });
        return cmd;
    }

    private static void Print(CipherAnalysisResult r)
    {
        var b = r.BestDifferential;
        AnsiConsole.WriteLine($"Best round-function differential found: {b.InputDifference:X16} → {b.OutputDifference:X16}, p = {b.Probability:F5} (95 % CI {b.Lower:F5}–{b.Upper:F5}), log₂ p = {Math.Log2(b.Probability):F2}.");
        var l = r.Linear[0];
        AnsiConsole.WriteLine($"Largest linear bias found: a = {l.InputMask:X16}, b = {l.OutputMask:X16}, ε = {l.Bias:F4} ({l.Significance:F0} standard errors, fresh inputs).");
        var t = new Table().AddColumns("rounds", "best characteristic log₂ p", "counter-adjacent max |z|", "related-key max |z|");
        foreach (var row in r.Table)
            t.AddRow($"{row.Rounds}", double.IsNaN(row.BestCharacteristicLog2) ? "" : $"{row.BestCharacteristicLog2:F1}",
                $"{row.CounterAdjacent.MaxAbsZ:F1}{(row.CounterAdjacent.Distinguishes ? " distinguishes" : "")}", $"{row.RelatedKey.MaxAbsZ:F1}{(row.RelatedKey.Distinguishes ? " distinguishes" : "")}");
        AnsiConsole.Write(t);
        AnsiConsole.WriteLine(r.MarginRounds is int m
            ? $"Differential margin: the best characteristic found falls below 2^-128 at {m} rounds{(r.MarginExtrapolated ? " (extrapolated)" : "")}; the key uses {r.KeyRounds}."
            : "Differential margin: no characteristic found that costs anything — the round function is degenerate.");
        AnsiConsole.WriteLine("EXPERIMENTAL cipher: a search gives lower bounds on what an attacker can do, not a proof of security.");
    }
}
