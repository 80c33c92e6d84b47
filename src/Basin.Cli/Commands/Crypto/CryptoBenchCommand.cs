using System.CommandLine;
using System.Text.Json.Nodes;
using Basin.Crypto.Evaluation;

namespace Basin.Cli.Commands.Crypto;

/// <summary><c>basin crypto bench</c>: encryption throughput of the Basin file format next to AesGcm and ChaCha20Poly1305.</summary>
public static class CryptoBenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var key = CryptoCommands.OptionalKey("Key (default: a fresh untrained-network key; speed does not depend on the weights).");
        var mb = new Option<double>("--mb") { Description = "Megabytes per measurement.", DefaultValueFactory = _ => 16 };
        var json = CommonOptions.Json();
        var cmd = new Command("bench", "Encryption throughput of the Basin file format next to .NET AesGcm and ChaCha20Poly1305, measured in one run.") { key, mb, json };
        CommandAction.Set(cmd, (p, _) =>
        {
            var k = CryptoCommands.LoadOrGenerate(p.GetValue(key), 16, 0);
            var r = Throughput.Measure(k, p.GetValue(mb));
            if (p.GetValue(json))
                JsonPrinter.Print(new JsonObject(r.Select(kv => KeyValuePair.Create(kv.Key + "_mb_per_s", (JsonNode?)JsonValue.Create(Math.Round(kv.Value, 2)))))
                {
                    ["rounds"] = k.Rounds, ["basin_share_of_aes_gcm"] = r["basin"] / r["aes-gcm"], ["threads"] = Environment.ProcessorCount,
                });
            else Console.WriteLine(string.Join(", ", r.Select(kv => $"{kv.Key} {kv.Value:F1} MB/s")) + $"; basin = {r["basin"] / r["aes-gcm"]:P2} of AES-GCM");
            return 0;
        });
        return cmd;
    }
}
