using System.CommandLine;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto decrypt --key KEY IN OUT</c>: verify, then decrypt; a wrong key, tampering or truncation is refused.</summary>
public static class CryptoDecryptCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.Key();
        var (input, output) = CryptoCommands.Files();
        var json = CommonOptions.Json();
        var cmd = new Command("decrypt", "Verify and decrypt IN to OUT; a wrong key, tampering or truncation is refused and OUT is not written.") { key, input, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = CipherKey.Load(p.GetValue(key)!);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            CipherStream.DecryptFile(k, p.GetValue(input)!, p.GetValue(output)!);
            if (p.GetValue(json)) JsonPrinter.Print(CryptoCommands.FileResult(p.GetValue(input)!, p.GetValue(output)!, new FileInfo(p.GetValue(output)!).Length, sw.Elapsed.TotalSeconds, k));
            return 0;
        });
        return cmd;
    }
}
