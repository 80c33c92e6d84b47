namespace Basin.Autodiff;

/// <summary>
/// An optimiser's resumable state: named tensors (moment buffers, keyed <c>parameter.buffer</c>) and metadata strings
/// (optimiser kind, step count, learning rate — invariant culture, round-trip precision). Writers such as safetensors store it as is.
/// </summary>
public sealed record OptimizerState<T>(Dictionary<string, Tensor<T>> Tensors, Dictionary<string, string> Metadata)
    where T : unmanaged, IFloatingPointIeee754<T>;
