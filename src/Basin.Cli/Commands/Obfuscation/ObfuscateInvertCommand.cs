using System.CommandLine;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;

namespace Basin.Cli.Commands.Obfuscation;

/// <summary><c>basin obfuscate invert</c>: recover the original data with its key (a wrong key, a truncated or altered file is refused).</summary>
public static class ObfuscateInvertCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = ObfuscateCommands.Key();
        var input = new Argument<string>("input") { Description = "Obfuscated CSV (or - for stdin) or .bobf container." };
        var output = ObfuscateCommands.Out("Output: CSV (or - for stdout), or an IDX file for a container made from IDX.");
        var cmd = new Command("invert", "Recover the original data with its key (a wrong key, a truncated or altered file is refused).") { input, key, output };
        CommandAction.Set(cmd, (p, _) =>
        {
            var t = new KeyedTransform(KeyFile.Load(p.GetValue(key)!));
            string inPath = p.GetValue(input)!, outPath = p.GetValue(output)!;
            ObfuscateCommands.RefuseSame(inPath, outPath);
            if (inPath != "-" && ObfuscatedMatrixFile.IsObfuscatedFile(inPath))
            {
                if (outPath == "-") throw new ArgumentException("a container inverts to a file; give --out");
                long rows = ObfuscatedMatrixFile.Invert(t, inPath, outPath);
                Terminal.Note($"recovered {rows} rows → {outPath}");
                return 0;
            }
            if (inPath != "-")
            {
                using var check = new StreamReader(inPath);
                CsvObfuscator.ValidateObfuscated(t, check);
            }
            long n = ObfuscateCommands.WriteText(outPath, w =>
            {
                using var r = inPath == "-" ? Console.In : new StreamReader(inPath);
                return CsvObfuscator.Invert(t, r, w);
            });
            if (outPath != "-") Terminal.Note($"recovered {n} rows → {outPath}");
            return 0;
        });
        return cmd;
    }
}
