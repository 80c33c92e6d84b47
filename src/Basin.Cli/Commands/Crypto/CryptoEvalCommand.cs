using System.CommandLine;
using System.Diagnostics;
using Basin.Crypto.Evaluation;
using Basin.Crypto.Keys;
using Basin.Studies.Crypto;
using Basin.Studies.Sharding;
using Spectre.Console;

namespace Basin.Cli.Commands.Crypto;

/// <summary>
/// <c>basin crypto eval</c>: SAC/BIC, NIST SP 800-22, entropy/χ², key sensitivity, NPCR/UACI, learned attackers and
/// throughput of Basin vs AES vs a weak 1-round cipher, and Basin by round count. With <c>--shard K/N</c> only the K-th
/// part of the round sweep runs (study <c>crypto-eval</c>) and a partial result is written for <c>basin merge</c>.
/// </summary>
public static class CryptoEvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.OptionalKey("Key to evaluate (default: a fresh key, 16 rounds, 300 training steps; required with --shard).");
        var quick = new Option<bool>("--quick") { Description = "Small sample sizes (seconds; noisy numbers)." };
        var json = CommonOptions.Json();
        var seed = CommonOptions.Seed(1, "Seed of the test inputs and attackers (keys come from the CSPRNG).");
        var shard = CommonOptions.Shard();
        var dieharder = new Option<bool>("--dieharder") { Description = "Also run dieharder -a (all tests, keystream through stdin) on Basin and on AES, side by side; long (an hour or more) — needs dieharder installed." };
        var output = CommonOptions.Out("Directory for the report (CSV, SAC heatmaps, round-margin plot); with --shard, the partial-result JSON file (default crypto-eval-K-of-N.json).", "basin-crypto-eval");
        var cmd = new Command("eval", "SAC/BIC, NIST SP 800-22, byte entropy/χ², key sensitivity, NPCR/UACI, learned distinguisher and known-plaintext attacker, throughput: Basin vs AES vs a weak 1-round cipher, and Basin by round count.")
            { key, quick, json, seed, shard, dieharder, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var o = (p.GetValue(quick) ? EvaluationOptions.Quick : new EvaluationOptions()) with { Seed = p.GetValue(seed) };
            var sw = Stopwatch.StartNew();
            void Log(string s) => Terminal.Note($"  [{sw.Elapsed.TotalSeconds,6:F0} s] {s}");
            if (p.GetResult(shard) is not null)
            {
                var part = CommonOptions.ShardValue(p, shard);
                if (p.GetValue(key) is not { } keyPath) throw new ArgumentException("--shard needs --key: every shard must measure the same key.");
                var k = CipherKey.Load(keyPath);
                var sweep = RoundSweep.Run(k, o, part, Log);
                var doc = ShardDocument.Create(new CryptoEvalStudy().Name, part, CryptoEvalStudy.Options(k, o), CryptoReportJson.Sweep(sweep));
                string file = p.GetResult(output) is { Implicit: false } ? p.GetValue(output)! : $"crypto-eval-{part.Index}-of-{part.Count}.json";
                Basin.Tensors.IO.JsonOutput.Write(file, doc);
                Terminal.Note($"crypto-eval shard {part}: rounds {string.Join(", ", sweep.Rounds.Select(c => c.Rounds))} → {file} (combine with basin merge)");
                if (p.GetValue(json)) JsonPrinter.Print(doc);
                return 0;
            }
            var key0 = CryptoCommands.LoadOrGenerate(p.GetValue(key), 16, p.GetValue(quick) ? 50 : 300);
            var report = CryptoEvaluation.Run(key0, o, Log);
            var dir = p.GetValue(output)!;
            var batteries = p.GetValue(dieharder) ? DieharderBattery.Run(key0, Log) : [];
            var json0 = CryptoReportJson.Report(report, batteries);
            CryptoReportWriter.Write(report, json0, dir);
            if (p.GetValue(json)) { JsonPrinter.Print(json0); return 0; }
            PrintTable(report, dir);
            DieharderTable.Print(batteries);
            return 0;
        });
        return cmd;
    }

    private static void PrintTable(EvaluationReport report, string dir)
    {
        var t = new Table().AddColumns("cipher", "rounds", "SAC max dev (bound)", "BIC max |r| (bound)", "key SAC / BIC", "NIST passed", "distinguisher acc (95 % CI)", "known-plaintext bit acc", "entropy bits/byte", "MB/s");
        foreach (var c in report.Ciphers.Concat(report.RoundSweep.Select(c => c with { Name = "  basin sweep" })))
            t.AddRow(c.Name, $"{c.Rounds}", $"{c.Diffusion.SacMaxDeviation:F4} ({c.Diffusion.SacBound:F4})", $"{c.Diffusion.BicMaxCorrelation:F4} ({c.Diffusion.BicBound:F4})",
                $"{c.KeyDiffusion.SacMaxDeviation:F4} / {c.KeyDiffusion.BicMaxCorrelation:F4}{(c.KeyDiffusion.Passed ? "" : " [red]fail[/]")}", $"{c.NistPassed}/{c.NistTotal}",
                $"{c.Distinguisher.Value:F4} ({c.Distinguisher.Lo:F4}–{c.Distinguisher.Hi:F4})", $"{c.KnownPlaintext.Value:F4}", $"{c.ByteEntropy:F4}",
                double.IsNaN(c.MegabytesPerSecond) ? "" : $"{c.MegabytesPerSecond:F1}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"Randomness margin: every test passes from {(report.MarginRounds is int m ? $"{m} rounds" : "no measured round count")}; default {report.DefaultRounds} rounds.");
        AnsiConsole.MarkupLine($"Throughput (MB/s): {string.Join(", ", report.Throughput.Select(kv => $"{kv.Key} {kv.Value:F1}"))}; basin / AES-GCM = {report.Throughput["basin"] / report.Throughput["aes-gcm"]:P2}.");
        AnsiConsole.MarkupLine($"NPCR/UACI of a 256×256 image with one pixel changed: fresh nonces {report.ImageFreshNonce.Npcr:P2} / {report.ImageFreshNonce.Uaci:P2}; same nonce {report.ImageSameNonce.Npcr:P4} / {report.ImageSameNonce.Uaci:P4} (counter mode: only the changed byte differs).");
        AnsiConsole.MarkupLine($"Report in {Markup.Escape(dir)}. [yellow]EXPERIMENTAL cipher: these measurements do not make it secure.[/]");
    }
}
