using System.CommandLine;
using Basin.Obfuscation.IO;
using Basin.Obfuscation.Transform;

namespace Basin.Cli.Commands.Obfuscation;

/// <summary><c>basin obfuscate keygen</c>: 32 random bytes, then the keyed coupling network trained with no data (DFSA obfuscation preset).</summary>
public static class ObfuscateKeygenCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dim = new Option<int?>("--dim") { Description = "Vector dimension d (or use --fit)." };
        var fit = new Option<string?>("--fit") { Description = "CSV or IDX file whose values set d, the centre and the scale." };
        var geometry = new Option<double>("--geometry") { Description = "Geometry weight w ≥ 0: multiplies the distance/volume/time-consistency terms of the DFSA obfuscation preset; large w ≈ isometric, 0 = most scrambled.", DefaultValueFactory = _ => 10.0 };
        var block = new Option<int>("--block") { Description = "Width b of the blocks the coupling network acts on.", DefaultValueFactory = _ => 16 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden width of the coupling conditioners.", DefaultValueFactory = _ => 32 };
        var layers = new Option<int>("--layers") { Description = "Additive coupling layers.", DefaultValueFactory = _ => 4 };
        var steps = new Option<int>("--steps") { Description = "Data-free training steps of the coupling network.", DefaultValueFactory = _ => 300 };
        var center = new Option<double>("--center") { Description = "Centre c subtracted before the rotation (ignored with --fit).", DefaultValueFactory = _ => 0.0 };
        var scale = new Option<double>("--scale") { Description = "Scale s of the centred data (ignored with --fit).", DefaultValueFactory = _ => 1.0 };
        var output = ObfuscateCommands.Out("Key file to write (keep it secret).");
        var json = CommonOptions.Json();
        var cmd = new Command("keygen", "Generate a key: 32 random bytes, then train the keyed coupling network with no data (DFSA obfuscation preset).")
            { dim, fit, geometry, block, hidden, layers, steps, center, scale, output, json };
        CommandAction.Set(cmd, (p, ct) =>
        {
            int d; double c = p.GetValue(center), s = p.GetValue(scale);
            if (p.GetValue(fit) is { } f) (d, c, s) = DataFit.Fit(f);
            else d = p.GetValue(dim) ?? throw new ArgumentException("give --dim or --fit");
            if (File.Exists(p.GetValue(output)!)) throw new IOException($"{p.GetValue(output)} exists; refusing to overwrite a key");
            var o = new CouplingOptions(p.GetValue(block), p.GetValue(hidden), p.GetValue(layers), p.GetValue(steps)).Validate();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var key = ProgressRunner.Run("training the coupling network", o.TrainSteps,
                progress => ObfuscationKey.Generate(d, p.GetValue(geometry), c, s, o, progress: (i, _) => progress.Report(i), cancel: ct), quiet: o.TrainSteps == 0);
            KeyFile.Save(key, p.GetValue(output)!);
            if (p.GetValue(json))
                JsonPrinter.Print(new System.Text.Json.Nodes.JsonObject
                {
                    ["key"] = p.GetValue(output), ["fingerprint"] = key.Fingerprint, ["d"] = d, ["block"] = key.Block, ["geometry"] = key.Geometry,
                    ["center"] = c, ["scale"] = s, ["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 2),
                });
            else Console.WriteLine(FormattableString.Invariant($"key {key.Fingerprint} (d = {d}, block {key.Block}, geometry w = {key.Geometry}, centre {c:G4}, scale {s:G4}) written to {p.GetValue(output)} in {sw.Elapsed.TotalSeconds:F1} s — keep it secret"));
            return 0;
        });
        return cmd;
    }
}
