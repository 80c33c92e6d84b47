namespace Basin.Autodiff;

/// <summary>
/// Differentiable primitives on <see cref="Var{T}"/>, one file per operation (or small family) with its backward
/// next to its forward. Inputs that require gradients must live on a <see cref="Tape{T}"/> (or be parameters combined
/// with tape variables); outputs are recorded there. Shape errors throw <see cref="Basin.Tensors.TensorShapeException"/>
/// naming the operation and the shapes. Composites (sigmoid, softplus, log-softmax, losses) live in <see cref="Functional"/>.
/// </summary>
public static partial class Ops
{
}
