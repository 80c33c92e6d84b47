namespace Basin.Autodiff;

/// <summary>Weight initialisation schemes for a fan-in × fan-out matrix.</summary>
public enum Init
{
    /// <summary>U(±√(6/(fan_in+fan_out))) (Glorot &amp; Bengio 2010), for tanh/sigmoid/linear layers.</summary>
    GlorotUniform,
    /// <summary>𝒩(0, 2/(fan_in+fan_out)).</summary>
    GlorotNormal,
    /// <summary>U(±√(6/fan_in)) (He et al. 2015), for ReLU layers.</summary>
    HeUniform,
    /// <summary>𝒩(0, 2/fan_in).</summary>
    HeNormal,
    /// <summary>All zeros.</summary>
    Zeros,
}

/// <summary>Draws initial weights.</summary>
public static class Initializer
{
    /// <summary>A fan-in × fan-out matrix drawn by <paramref name="init"/> from <paramref name="rng"/>.</summary>
    public static Tensor<T> Matrix<T>(Init init, int fanIn, int fanOut, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = fanIn + fanOut;
        return init switch
        {
            Init.GlorotUniform => Tensor.Uniform(rng, T.CreateTruncating(-Math.Sqrt(6 / sum)), T.CreateTruncating(Math.Sqrt(6 / sum)), fanIn, fanOut),
            Init.GlorotNormal => Tensor.Normal(rng, T.Zero, T.CreateTruncating(Math.Sqrt(2 / sum)), fanIn, fanOut),
            Init.HeUniform => Tensor.Uniform(rng, T.CreateTruncating(-Math.Sqrt(6.0 / fanIn)), T.CreateTruncating(Math.Sqrt(6.0 / fanIn)), fanIn, fanOut),
            Init.HeNormal => Tensor.Normal(rng, T.Zero, T.CreateTruncating(Math.Sqrt(2.0 / fanIn)), fanIn, fanOut),
            Init.Zeros => Tensor.Zeros<T>(fanIn, fanOut),
            _ => throw new ArgumentOutOfRangeException(nameof(init)),
        };
    }
}
