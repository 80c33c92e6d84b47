using System.CommandLine;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;

namespace Basin.Cli.Commands.Obfuscation;

/// <summary><c>basin obfuscate apply</c>: CSV → CSV with a header naming the key's fingerprint; IDX → .bobf container.</summary>
public static class ObfuscateApplyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = ObfuscateCommands.Key();
        var input = new Argument<string>("input") { Description = "CSV file (one vector per line, or - for stdin) or IDX unsigned-byte file (.gz accepted)." };
        var output = ObfuscateCommands.Out("Output: CSV (or - for stdout) for CSV input; an obfuscated container (.bobf) for IDX input.");
        var cmd = new Command("apply", "Obfuscate: CSV → CSV with a header naming the key's fingerprint; IDX → .bobf container. Input is validated before anything is written.") { input, key, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var t = new KeyedTransform(KeyFile.Load(p.GetValue(key)!));
            string inPath = p.GetValue(input)!, outPath = p.GetValue(output)!;
            ObfuscateCommands.RefuseSame(inPath, outPath);
            if (inPath != "-" && DataFit.LooksLikeIdx(inPath))
            {
                if (outPath == "-") throw new ArgumentException("IDX input needs an output file (the container is binary)");
                long rows = ObfuscatedMatrixFile.ApplyIdx(t, inPath, outPath);
                Terminal.Note($"obfuscated {rows} images with key {t.Key.Fingerprint} → {outPath}");
                return 0;
            }
            if (inPath != "-")
            {
                using var check = new StreamReader(inPath);
                CsvObfuscator.Validate(check, t.Dim);
            }
            long n = ObfuscateCommands.WriteText(outPath, w =>
            {
                using var r = inPath == "-" ? Console.In : new StreamReader(inPath);
                return CsvObfuscator.Apply(t, r, w);
            });
            if (outPath != "-") Terminal.Note($"obfuscated {n} rows with key {t.Key.Fingerprint} → {outPath}");
            return 0;
        });
        return cmd;
    }
}
