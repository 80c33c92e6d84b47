using System.Text.Json.Nodes;
using Basin.Tensors.IO;

namespace Basin.Cli.Output;

/// <summary>Prints results as JSON on standard output: exactly one document per command, in <see cref="JsonOutput"/>'s setup.</summary>
public static class JsonPrinter
{
    /// <summary>Prints <paramref name="node"/>.</summary>
    public static void Print(JsonNode node) => Console.Out.WriteLine(JsonOutput.ToText(node));

    /// <summary>Prints a result record.</summary>
    public static void Print<T>(T record) => Console.Out.WriteLine(JsonOutput.ToText(record));
}
