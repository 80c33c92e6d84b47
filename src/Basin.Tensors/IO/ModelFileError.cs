namespace Basin.Tensors.IO;

/// <summary>
/// Builds the exceptions for malformed model files. <see cref="InvalidDataException"/> is sealed, so Basin throws it
/// directly with a message that starts with the file (or stream) name and states the problem, e.g.
/// <c>model.safetensors: tensor 'phi' has shape [784, 10], expected [784, 784].</c>
/// </summary>
internal static class ModelFileError
{
    public static InvalidDataException Create(string source, string problem, Exception? inner = null) => new($"{source}: {problem}", inner);
}
