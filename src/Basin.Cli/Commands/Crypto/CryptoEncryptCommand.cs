using System.CommandLine;
using System.Diagnostics;
using Basin.Crypto.Format;
using Basin.Crypto.Keys;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto encrypt --key KEY IN OUT</c>: counter mode, fresh random nonce, HMAC-SHA256 per 64 KiB chunk.</summary>
public static class CryptoEncryptCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.Key();
        var (input, output) = CryptoCommands.Files();
        var json = CommonOptions.Json();
        var cmd = new Command("encrypt", "Encrypt IN to OUT: counter mode, fresh random nonce, HMAC-SHA256 per 64 KiB chunk.") { key, input, output, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = CipherKey.Load(p.GetValue(key)!);
            var sw = Stopwatch.StartNew();
            CipherStream.EncryptFile(k, p.GetValue(input)!, p.GetValue(output)!);
            long n = new FileInfo(p.GetValue(input)!).Length;
            Terminal.Note($"encrypted {n} bytes in {sw.Elapsed.TotalSeconds:F2} s ({n / 1e6 / Math.Max(1e-9, sw.Elapsed.TotalSeconds):F1} MB/s)");
            if (p.GetValue(json)) JsonPrinter.Print(CryptoCommands.FileResult(p.GetValue(input)!, p.GetValue(output)!, n, sw.Elapsed.TotalSeconds, k));
            return 0;
        });
        return cmd;
    }
}
