namespace Basin.Autodiff;

/// <summary>Element-wise activation choices for <see cref="Mlp{T}"/>.</summary>
public enum Activation
{
    /// <summary>x.</summary>
    Identity,
    /// <summary>tanh x.</summary>
    Tanh,
    /// <summary>max(x, 0).</summary>
    Relu,
    /// <summary>x or 0.01x.</summary>
    LeakyRelu,
    /// <summary>1/(1+e⁻ˣ).</summary>
    Sigmoid,
    /// <summary>ln(1+eˣ).</summary>
    Softplus,
    /// <summary>GELU (tanh form).</summary>
    Gelu,
}

/// <summary>Applies an <see cref="Activation"/>.</summary>
public static class ActivationExtensions
{
    /// <summary>f(x) for the chosen activation f.</summary>
    public static Var<T> Apply<T>(this Activation activation, Var<T> x) where T : unmanaged, IFloatingPointIeee754<T> => activation switch
    {
        Activation.Identity => x,
        Activation.Tanh => x.Tanh(),
        Activation.Relu => x.Relu(),
        Activation.LeakyRelu => x.LeakyRelu(T.CreateTruncating(0.01)),
        Activation.Sigmoid => Functional.Sigmoid(x),
        Activation.Softplus => Functional.Softplus(x),
        Activation.Gelu => Functional.Gelu(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>The initialisation that keeps activations' variance for this nonlinearity (He for ReLU-like, Glorot otherwise).</summary>
    public static Init DefaultInit(this Activation activation) =>
        activation is Activation.Relu or Activation.LeakyRelu or Activation.Gelu ? Init.HeUniform : Init.GlorotUniform;
}
