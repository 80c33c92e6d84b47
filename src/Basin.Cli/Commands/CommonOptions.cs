using System.CommandLine;
using System.Globalization;
using Basin.Dynamics;
using Basin.Tensors.Sharding;

namespace Basin.Cli.Commands;

/// <summary>Options shared by many commands, defined once so their names, help and defaults agree.</summary>
public static class CommonOptions
{
    /// <summary><c>--model</c>: a model file or a shipped <c>pretrained:NAME</c>.</summary>
    public static Option<string> Model(string description = "Model file or pretrained:mnist|fashion.") =>
        new("--model", "-m") { Description = description, Required = true };

    /// <summary><c>--json</c>: one JSON document on stdout (everything else goes to stderr).</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document on stdout (progress and notes go to stderr)." };

    /// <summary><c>--out</c>/<c>-o</c>: where the command writes its file or directory.</summary>
    public static Option<string> Out(string description, string defaultValue) =>
        new("--out", "-o") { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary><c>--out</c>/<c>-o</c> without a default (required when <paramref name="required"/>).</summary>
    public static Option<string?> OutOptional(string description, bool required = false) =>
        new("--out", "-o") { Description = description, Required = required };

    /// <summary><c>--seed</c>: the seed that makes the run reproducible.</summary>
    public static Option<ulong> Seed(ulong defaultValue = 1, string description = "Seed: the same seed gives the same result.") =>
        new("--seed") { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary><c>--solver</c>: a method of the tableau catalogue (<see cref="ButcherTableau.Catalogue"/>).</summary>
    public static Option<string> Solver(string defaultValue = "euler")
    {
        var o = new Option<string>("--solver") { Description = $"Integrator: {ButcherTableau.Describe()}.", DefaultValueFactory = _ => defaultValue };
        o.AcceptOnlyFromAmong([.. ButcherTableau.Names]);
        return o;
    }

    /// <summary><c>--rtol</c>: relative tolerance; with <c>--atol</c> it makes an embedded pair of <c>--solver</c> adaptive.</summary>
    public static Option<double> Rtol() => new("--rtol")
    {
        Description = $"Relative tolerance: with --rtol/--atol an embedded pair ({string.Join(", ", ButcherTableau.AdaptiveNames)}) adapts its step (PID controller, diffrax's defaults); 0 = fixed steps.",
        DefaultValueFactory = _ => 0,
        Validators = { r => { if (r.Tokens.Count == 1 && !(double.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0)) r.AddError("--rtol must be ≥ 0."); } },
    };

    /// <summary><c>--atol</c>: absolute tolerance of an adaptive solve.</summary>
    public static Option<double> Atol() => new("--atol")
    {
        Description = "Absolute tolerance of the adaptive solve (with --rtol); 0 = fixed steps.",
        DefaultValueFactory = _ => 0,
        Validators = { r => { if (r.Tokens.Count == 1 && !(double.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0)) r.AddError("--atol must be ≥ 0."); } },
    };

    /// <summary><c>--max-steps</c>: the most adaptive steps before the solve fails with the time reached.</summary>
    public static Option<int> MaxSteps(int defaultValue = 4096) => new("--max-steps")
    {
        Description = "Most adaptive steps (accepted and rejected) per solve before it stops with an error naming the time reached.",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary><c>--shard K/N</c>: run the K-th of N equal parts of the study and write a partial result for <c>basin merge</c>.</summary>
    public static Option<string?> Shard() => new("--shard")
    {
        Description = "Run part K of N (e.g. 2/4) and write a partial result; 'basin merge' combines the N parts into the unsharded result.",
        Validators = { r => { if (r.Tokens.Count == 1) { try { Tensors.Sharding.Shard.Parse(r.Tokens[0].Value); } catch (ArgumentException e) { r.AddError(e.Message); } } } },
    };

    /// <summary>The parsed <c>--shard</c> value, or the whole work when absent.</summary>
    public static Shard ShardValue(ParseResult p, Option<string?> shard) =>
        p.GetValue(shard) is { } s ? Tensors.Sharding.Shard.Parse(s) : Tensors.Sharding.Shard.Whole;

    /// <summary>A comma-separated list of numbers, validated at parse time (finite; positive and ascending when asked).</summary>
    public static Option<double[]> DoubleList(string name, string description, double[] defaultValue, bool positiveAscending = true)
    {
        var o = new Option<double[]>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseDoubles(r.Tokens.Count == 0 ? "" : string.Join(",", r.Tokens.Select(t => t.Value)), name, positiveAscending, r),
        };
        return o;
    }

    /// <summary>Parses "a,b,c" for <see cref="DoubleList"/>; reports problems on <paramref name="r"/>.</summary>
    private static double[] ParseDoubles(string text, string name, bool positiveAscending, System.CommandLine.Parsing.ArgumentResult r)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
            {
                r.AddError($"{name}: '{parts[i]}' is not a finite number.");
                return [];
            }
        if (v.Length == 0) r.AddError($"{name}: give at least one number.");
        else if (positiveAscending && (v.Any(x => x <= 0) || v.Zip(v.Skip(1)).Any(z => z.First >= z.Second)))
            r.AddError($"{name}: values must be positive and ascending ({text}).");
        return v;
    }

    /// <summary><c>--dataset</c> restricted to the built-in dataset names.</summary>
    public static Option<string> Dataset(string description = "mnist, fashion or letters.", string defaultValue = "mnist")
    {
        var o = new Option<string>("--dataset") { Description = description, DefaultValueFactory = _ => defaultValue };
        o.AcceptOnlyFromAmong(SaNode.SaNodeCommand.DatasetNames);
        return o;
    }

    /// <summary>Image <paramref name="index"/> of <paramref name="data"/> as double-precision pixels.</summary>
    public static double[] ImageAsDouble(Basin.Data.LabeledImages data, int index) => Basin.Data.ImageBatch.Image(data, index);
}
