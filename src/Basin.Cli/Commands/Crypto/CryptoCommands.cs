using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Basin.Crypto.Evaluation;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;
using Basin.Plotting;
using Spectre.Console;

namespace Basin.Cli.Commands.Crypto;

/// <summary>
/// <c>basin crypto keygen|encrypt|decrypt|eval|stream</c>: the EXPERIMENTAL stochastic-attractor cipher and the harness that
/// measures it next to AES. Not a replacement for AES-GCM.
/// </summary>
public static class CryptoCommands
{
    /// <summary>Adds <c>crypto</c> to <paramref name="root"/>.</summary>
    public static void Register(RootCommand root) =>
        root.Subcommands.Add(new Command("crypto", "EXPERIMENTAL cipher built on data-free stochastic attractors, and its evaluation next to AES. Not for real secrets.")
        {
            Keygen(), Encrypt(), Decrypt(), Eval(), Stream(), Bench(),
        });

    private static Command Keygen()
    {
        var output = new Option<string>("--out") { Description = "Key file to write (8 522 bytes, mode 0600).", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Feistel rounds.", DefaultValueFactory = _ => 16 };
        var steps = new Option<int>("--steps") { Description = "Data-free training steps of the round function.", DefaultValueFactory = _ => 300 };
        var pass = new Option<string?>("--passphrase-file") { Description = "Derive the master secret from the first line of this file (PBKDF2-SHA256, 600 000 iterations) instead of the CSPRNG." };
        var cmd = new Command("keygen", "Create a key: CSPRNG (or passphrase) master secret and a round-function network trained data-free from it.") { output, rounds, steps, pass };
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
            var key = CipherKey.Generate(p.GetValue(rounds), total, phrase, s => { if (s % 50 == 0) Console.Error.Write($"\r  training the round function: {s}/{total}"); });
            if (total > 0) Console.Error.WriteLine();
            key.Save(p.GetValue(output)!);
            Console.WriteLine($"wrote {p.GetValue(output)} ({key.Rounds} rounds, key id {Convert.ToHexString(key.KeyId).ToLowerInvariant()}, {sw.Elapsed.TotalSeconds:F1} s). Keep it secret; EXPERIMENTAL cipher.");
            return 0;
        });
        return cmd;
    }

    private static (Option<string> Key, Argument<string> In, Argument<string> Out) Io()
    {
        var key = new Option<string>("--key") { Description = "Key file from basin crypto keygen.", Required = true };
        var input = new Argument<string>("in") { Description = "Input file (never modified)." };
        var output = new Argument<string>("out") { Description = "Output file (written atomically)." };
        return (key, input, output);
    }

    private static Command Encrypt()
    {
        var (key, input, output) = Io();
        var cmd = new Command("encrypt", "Encrypt IN to OUT: counter mode, fresh random nonce, HMAC-SHA256 per 64 KiB chunk.") { key, input, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = CipherKey.Load(p.GetValue(key)!);
            var sw = Stopwatch.StartNew();
            CipherStream.EncryptFile(k, p.GetValue(input)!, p.GetValue(output)!);
            long n = new FileInfo(p.GetValue(input)!).Length;
            Console.Error.WriteLine($"encrypted {n} bytes in {sw.Elapsed.TotalSeconds:F2} s ({n / 1e6 / Math.Max(1e-9, sw.Elapsed.TotalSeconds):F1} MB/s)");
            return 0;
        });
        return cmd;
    }

    private static Command Decrypt()
    {
        var (key, input, output) = Io();
        var cmd = new Command("decrypt", "Verify and decrypt IN to OUT; a wrong key, tampering or truncation is refused and OUT is not written.") { key, input, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = CipherKey.Load(p.GetValue(key)!);
            CipherStream.DecryptFile(k, p.GetValue(input)!, p.GetValue(output)!);
            return 0;
        });
        return cmd;
    }

    private static Command Stream()
    {
        var key = new Option<string>("--key") { Description = "Key file.", Required = true };
        var bytes = new Option<long>("--bytes") { Description = "Keystream bytes to write.", DefaultValueFactory = _ => 64_000_000 };
        var rounds = new Option<int?>("--rounds") { Description = "Override the round count (e.g. 1 for the weak baseline)." };
        var output = new Option<string>("--out") { Description = "Binary file for dieharder (-g 201 -f FILE) or other batteries.", Required = true };
        var cmd = new Command("stream", "Write raw keystream (nonce 0) for external test batteries such as dieharder.") { key, bytes, rounds, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = CipherKey.Load(p.GetValue(key)!);
            if (p.GetValue(rounds) is int r) k = k.WithRounds(r);
            var f = new BasinBlockFunction(k, new byte[16]);
            long total = p.GetValue(bytes);
            if (total <= 0) throw new ArgumentException("--bytes must be positive.");
            Basin.Tensors.IO.AtomicFile.Write(p.GetValue(output)!, s =>
            {
                var buf = new byte[1 << 20];
                for (long done = 0; done < total; done += buf.Length)
                {
                    int n = (int)Math.Min(buf.Length, total - done);
                    f.Keystream(buf.AsSpan(0, n), (ulong)(done / 16));
                    s.Write(buf, 0, n);
                }
            });
            Console.Error.WriteLine($"wrote {total} keystream bytes to {p.GetValue(output)}");
            return 0;
        });
        return cmd;
    }

    private static Command Eval()
    {
        var key = new Option<string?>("--key") { Description = "Key to evaluate (default: a fresh key, 16 rounds, 300 training steps)." };
        var quick = new Option<bool>("--quick") { Description = "Small sample sizes (seconds; noisy numbers)." };
        var json = CommonOptions.Json();
        var output = new Option<string>("--out") { Description = "Directory for the report: CSV, SAC heatmaps and the round-margin plot (SVG/PNG).", DefaultValueFactory = _ => "basin-crypto-eval" };
        var cmd = new Command("eval", "SAC/BIC, NIST SP 800-22, byte entropy/χ², key sensitivity, NPCR/UACI, learned distinguisher and known-plaintext attacker, throughput: Basin vs AES vs a weak 1-round cipher, and Basin by round count.")
            { key, quick, json, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = p.GetValue(key) is { } kp ? CipherKey.Load(kp) : CipherKey.Generate(16, p.GetValue(quick) ? 50 : 300);
            var o = p.GetValue(quick) ? EvaluationOptions.Quick : new EvaluationOptions();
            var sw = Stopwatch.StartNew();
            var report = CryptoEvaluation.Run(k, o, s => Console.Error.WriteLine($"  [{sw.Elapsed.TotalSeconds,6:F0} s] {s}"));
            var dir = p.GetValue(output)!;
            Directory.CreateDirectory(dir);
            WriteFiles(report, dir);
            var doc = ToJson(report, dieharder: RunDieharder(k, dir));
            Basin.Tensors.IO.AtomicFile.WriteAllText(Path.Combine(dir, "eval.json"), doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (p.GetValue(json)) { Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
            var t = new Table().AddColumns("cipher", "rounds", "SAC max dev (bound)", "BIC max |r| (bound)", "key SAC / BIC", "NIST passed", "distinguisher acc (95 % CI)", "known-plaintext bit acc", "entropy bits/byte", "MB/s");
            foreach (var c in report.Ciphers.Concat(report.RoundSweep.Select(c => c with { Name = "  basin sweep" })))
                t.AddRow(c.Name, $"{c.Rounds}", $"{c.Diffusion.SacMaxDeviation:F4} ({c.Diffusion.SacBound:F4})", $"{c.Diffusion.BicMaxCorrelation:F4} ({c.Diffusion.BicBound:F4})",
                    $"{c.KeyDiffusion.SacMaxDeviation:F4} / {c.KeyDiffusion.BicMaxCorrelation:F4}{(c.KeyDiffusion.Passed ? "" : " [red]fail[/]")}", $"{c.NistPassed}/{c.NistTotal}", $"{c.Distinguisher.Value:F4} ({c.Distinguisher.Lo:F4}–{c.Distinguisher.Hi:F4})", $"{c.KnownPlaintext.Value:F4}", $"{c.ByteEntropy:F4}",
                    double.IsNaN(c.MegabytesPerSecond) ? "" : $"{c.MegabytesPerSecond:F1}");
            AnsiConsole.Write(t);
            AnsiConsole.MarkupLine($"Randomness margin: every test passes from {(report.MarginRounds is int m ? $"{m} rounds" : "no measured round count")}; default {report.DefaultRounds} rounds.");
            AnsiConsole.MarkupLine($"Throughput (MB/s): {string.Join(", ", report.Throughput.Select(kv => $"{kv.Key} {kv.Value:F1}"))}; basin / AES-GCM = {report.Throughput["basin"] / report.Throughput["aes-gcm"]:P2}.");
            AnsiConsole.MarkupLine($"NPCR/UACI of a 256×256 image with one pixel changed: fresh nonces {report.ImageFreshNonce.Npcr:P2} / {report.ImageFreshNonce.Uaci:P2}; same nonce {report.ImageSameNonce.Npcr:P4} / {report.ImageSameNonce.Uaci:P4} (counter mode: only the changed byte differs).");
            AnsiConsole.MarkupLine($"{Markup.Escape((string)doc["dieharder"]!)}. Report in {Markup.Escape(dir)}. [yellow]EXPERIMENTAL cipher: these measurements do not make it secure.[/]");
            return 0;
        });
        return cmd;
    }

    private static Command Bench()
    {
        var key = new Option<string?>("--key") { Description = "Key (default: a fresh untrained-network key; speed does not depend on the weights)." };
        var mb = new Option<double>("--mb") { Description = "Megabytes per measurement.", DefaultValueFactory = _ => 16 };
        var json = CommonOptions.Json();
        var cmd = new Command("bench", "Encryption throughput of the Basin file format next to .NET AesGcm and ChaCha20Poly1305, measured in one run.") { key, mb, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = p.GetValue(key) is { } kp ? CipherKey.Load(kp) : CipherKey.Generate(16, 0);
            var r = Throughput.Measure(k, p.GetValue(mb));
            var doc = new JsonObject(r.Select(kv => KeyValuePair.Create(kv.Key + "_mb_per_s", (JsonNode?)JsonValue.Create(Math.Round(kv.Value, 2)))))
            {
                ["rounds"] = k.Rounds, ["basin_share_of_aes_gcm"] = r["basin"] / r["aes-gcm"], ["threads"] = Environment.ProcessorCount,
            };
            if (p.GetValue(json)) Console.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else Console.WriteLine(string.Join(", ", r.Select(kv => $"{kv.Key} {kv.Value:F1} MB/s")) + $"; basin = {r["basin"] / r["aes-gcm"]:P2} of AES-GCM");
            return 0;
        });
        return cmd;
    }

    /// <summary>
    /// When dieharder is on the PATH: writes 256 MB of Basin keystream and runs its full battery (<c>-a</c>, raw file input
    /// <c>-g 201</c>) with a 20-minute limit, returning the PASSED/WEAK/FAILED counts; otherwise says it is missing.
    /// </summary>
    private static string RunDieharder(CipherKey key, string dir)
    {
        string? exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(d => d.Length > 0).Select(d => Path.Combine(d, "dieharder")).FirstOrDefault(File.Exists);
        if (exe is null) return "dieharder is not installed (Debian: apt-get install dieharder); `basin crypto stream --key KEY --out ks.bin` exports keystream for it";
        string file = Path.Combine(dir, "keystream.bin");
        var f = new BasinBlockFunction(key, new byte[16]);
        Basin.Tensors.IO.AtomicFile.Write(file, s =>
        {
            var buf = new byte[1 << 20];
            for (int i = 0; i < 256; i++) { f.Keystream(buf, (ulong)i * (ulong)(buf.Length / 16)); s.Write(buf); }
        });
        var psi = new ProcessStartInfo(exe, ["-a", "-g", "201", "-f", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var proc = Process.Start(psi)!;
        var outTask = proc.StandardOutput.ReadToEndAsync();
        if (!proc.WaitForExit(TimeSpan.FromMinutes(20))) { proc.Kill(true); return "dieharder: stopped after 20 minutes"; }
        var text = outTask.Result;
        File.WriteAllText(Path.Combine(dir, "dieharder.txt"), text);
        int Count(string w) => text.Split('\n').Count(l => l.Contains(w, StringComparison.Ordinal));
        return $"dieharder -a on 256 MB of keystream: {Count("PASSED")} passed, {Count("WEAK")} weak, {Count("FAILED")} failed (dieharder.txt)";
    }

    private static JsonObject ToJson(EvaluationReport r, string dieharder)
    {
        JsonObject C(CipherReport c) => new()
        {
            ["name"] = c.Name, ["rounds"] = c.Rounds,
            ["sac_max_deviation"] = c.Diffusion.SacMaxDeviation, ["sac_bound"] = c.Diffusion.SacBound,
            ["bic_max_correlation"] = c.Diffusion.BicMaxCorrelation, ["bic_bound"] = c.Diffusion.BicBound,
            ["key_sac_max_deviation"] = c.KeyDiffusion.SacMaxDeviation, ["key_sac_bound"] = c.KeyDiffusion.SacBound,
            ["key_bic_max_correlation"] = c.KeyDiffusion.BicMaxCorrelation, ["key_bic_bound"] = c.KeyDiffusion.BicBound,
            ["nist_passed"] = c.NistPassed, ["nist_total"] = c.NistTotal,
            ["nist_pass_proportion"] = new JsonObject(c.NistPassProportion.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["distinguisher_accuracy"] = c.Distinguisher.Value, ["distinguisher_ci"] = new JsonArray(c.Distinguisher.Lo, c.Distinguisher.Hi),
            ["known_plaintext_bit_accuracy"] = c.KnownPlaintext.Value, ["known_plaintext_ci"] = new JsonArray(c.KnownPlaintext.Lo, c.KnownPlaintext.Hi),
            ["byte_entropy"] = c.ByteEntropy, ["chi_square"] = c.ChiSquare, ["chi_square_p"] = c.ChiSquarePValue,
            ["key_sensitivity"] = c.KeySensitivity, ["mb_per_s"] = double.IsFinite(c.MegabytesPerSecond) ? c.MegabytesPerSecond : null,
            ["passes_all"] = c.PassesAll,
        };
        return new JsonObject
        {
            ["experimental"] = true,
            ["ciphers"] = new JsonArray(r.Ciphers.Select(c => (JsonNode)C(c)).ToArray()),
            ["round_sweep"] = new JsonArray(r.RoundSweep.Select(c => (JsonNode)C(c)).ToArray()),
            ["margin_rounds"] = r.MarginRounds, ["default_rounds"] = r.DefaultRounds,
            ["image_npcr_fresh_nonce"] = r.ImageFreshNonce.Npcr, ["image_uaci_fresh_nonce"] = r.ImageFreshNonce.Uaci,
            ["image_npcr_same_nonce"] = r.ImageSameNonce.Npcr, ["image_uaci_same_nonce"] = r.ImageSameNonce.Uaci,
            ["throughput_mb_per_s"] = new JsonObject(r.Throughput.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["dieharder"] = dieharder,
        };
    }

    private static void WriteFiles(EvaluationReport r, string dir)
    {
        foreach (var c in r.Ciphers)
        {
            var h = new Heatmap(c.Diffusion.Sac, 128, 128) { Title = $"{c.Name} ({c.Rounds} rounds): P(output bit j flips | input bit i flipped)" };
            h.Save(Path.Combine(dir, $"sac-{c.Name}"), 700, 640);
            var hk = new Heatmap(c.KeyDiffusion.Sac, c.KeyDiffusion.Sac.Length / 128, 128) { Title = $"{c.Name} ({c.Rounds} rounds): P(output bit j flips | key bit i flipped)" };
            hk.Save(Path.Combine(dir, $"key-sac-{c.Name}"), 700, 640);
        }
        var sweep = r.RoundSweep;
        var x = sweep.Select(c => (double)c.Rounds).ToArray();
        var plot = new LinePlot { Title = "Basin cipher by round count: the randomness margin", XLabel = "rounds", YLabel = "value" };
        plot.Add("SAC max deviation", x, sweep.Select(c => c.Diffusion.SacMaxDeviation).ToArray()).Marker = MarkerShape.Circle;
        plot.Add("SAC noise bound", x, sweep.Select(c => c.Diffusion.SacBound).ToArray());
        plot.Add("distinguisher accuracy - 0.5", x, sweep.Select(c => c.Distinguisher.Value - 0.5).ToArray()).Marker = MarkerShape.Square;
        plot.Add("NIST failed share", x, sweep.Select(c => 1 - (double)c.NistPassed / c.NistTotal).ToArray()).Marker = MarkerShape.TriangleUp;
        plot.Save(Path.Combine(dir, "round-margin"), 900, 540);
        var csv = new CsvTable("cipher", "rounds", "sac_max_deviation", "sac_bound", "bic_max_correlation", "bic_bound", "key_sac_max_deviation", "key_bic_max_correlation", "nist_passed", "nist_total",
            "distinguisher_accuracy", "distinguisher_lo", "distinguisher_hi", "known_plaintext_bit_accuracy", "byte_entropy", "chi_square_p", "key_sensitivity", "mb_per_s");
        foreach (var c in r.Ciphers.Concat(sweep.Select(c => c with { Name = "basin-sweep" })))
            csv.AddRow(c.Name, c.Rounds, c.Diffusion.SacMaxDeviation, c.Diffusion.SacBound, c.Diffusion.BicMaxCorrelation, c.Diffusion.BicBound, c.KeyDiffusion.SacMaxDeviation, c.KeyDiffusion.BicMaxCorrelation, c.NistPassed, c.NistTotal,
                c.Distinguisher.Value, c.Distinguisher.Lo, c.Distinguisher.Hi, c.KnownPlaintext.Value, c.ByteEntropy, c.ChiSquarePValue, c.KeySensitivity, c.MegabytesPerSecond);
        csv.Save(Path.Combine(dir, "eval.csv"));
    }
}
