using System.CommandLine;

namespace Basin.Cli.Commands;

/// <summary>Options shared by many commands, defined once so their names, help and defaults agree.</summary>
public static class CommonOptions
{
    /// <summary><c>--model</c>: a model file or a shipped <c>pretrained:NAME</c>.</summary>
    public static Option<string> Model(string description = "Model file or pretrained:mnist|fashion.") =>
        new("--model") { Description = description, Required = true };

    /// <summary><c>--json</c>: one JSON object on stdout instead of tables.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object." };

    /// <summary><c>--dataset</c> restricted to the built-in dataset names.</summary>
    public static Option<string> Dataset(string description = "mnist, fashion or letters.", string defaultValue = "mnist")
    {
        var o = new Option<string>("--dataset") { Description = description, DefaultValueFactory = _ => defaultValue };
        o.AcceptOnlyFromAmong(SaNode.SaNodeCommand.DatasetNames);
        return o;
    }

    /// <summary>Image <paramref name="index"/> of <paramref name="data"/> as double-precision pixels.</summary>
    public static double[] ImageAsDouble(Basin.Data.LabeledImages data, int index)
    {
        var img = data.Image(index);
        var r = new double[img.Length];
        for (int i = 0; i < r.Length; i++) r[i] = img[i];
        return r;
    }
}
