namespace Basin.Tensors;

/// <summary>Thrown when tensor shapes do not fit an operation; the message names the operation and both shapes.</summary>
public sealed class TensorShapeException : ArgumentException
{
    public TensorShapeException(string message) : base(message) { }

    internal static TensorShapeException Mismatch(string op, ReadOnlySpan<int> a, ReadOnlySpan<int> b) =>
        new($"{op}: shapes {Shapes.Format(a)} and {Shapes.Format(b)} do not match.");
}
