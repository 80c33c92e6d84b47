using System.CommandLine;
using Basin.Tensors.IO;

namespace Basin.Cli.Commands.Obfuscation;

/// <summary>Registers <c>basin obfuscate keygen|apply|invert|eval</c> and the file handling the commands share.</summary>
public static class ObfuscateCommands
{
    /// <summary>Adds <c>obfuscate</c> to <paramref name="root"/>.</summary>
    public static void Register(RootCommand root) =>
        root.Subcommands.Add(new Command("obfuscate", "Keyed, geometry-keeping invertible obfuscation of vectors (CSV) and image datasets (IDX): keygen, apply, invert, eval.")
        {
            ObfuscateKeygenCommand.Create(), ObfuscateApplyCommand.Create(), ObfuscateInvertCommand.Create(), ObfuscateEvalCommand.Create(),
        });

    /// <summary><c>--key</c>: the key file.</summary>
    public static Option<string> Key() => new("--key") { Description = "Key file.", Required = true };

    /// <summary><c>--out</c>/<c>-o</c> (also <c>--output</c>), required.</summary>
    public static Option<string?> Out(string description)
    {
        var o = CommonOptions.OutOptional(description, required: true);
        o.Aliases.Add("--output");
        return o;
    }

    /// <summary>Writes text to <paramref name="outPath"/> atomically, or to stdout for <c>-</c>; returns what <paramref name="write"/> returns.</summary>
    public static long WriteText(string outPath, Func<TextWriter, long> write)
    {
        if (outPath == "-") return write(Console.Out);
        long n = 0;
        AtomicFile.Write(outPath, s =>
        {
            using var w = new StreamWriter(s, leaveOpen: true);
            n = write(w);
        });
        return n;
    }

    /// <summary>Refuses an output that would overwrite the input.</summary>
    public static void RefuseSame(string input, string output)
    {
        if (input != "-" && output != "-" && string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
            throw new ArgumentException("the output would overwrite the input; choose another --out");
    }
}
