namespace Basin.Autodiff;

/// <summary>Thrown by <see cref="Optimizer{T}.Step"/> when a gradient holds NaN or ±∞; no weight has been changed.</summary>
public sealed class NonFiniteGradientException : ArithmeticException
{
    /// <summary>Creates the exception for the named parameter.</summary>
    public NonFiniteGradientException(string parameterName, int index, double value)
        : base($"Gradient of parameter '{parameterName}' is not finite (element {index} = {value}); the optimiser step was not applied.")
    {
        ParameterName = parameterName;
        Index = index;
    }

    /// <summary>Name of the first parameter found with a non-finite gradient.</summary>
    public string ParameterName { get; }

    /// <summary>Flat index of the first offending element.</summary>
    public int Index { get; }
}

/// <summary>What <see cref="Optimizer{T}.Step"/> does with a NaN/∞ gradient.</summary>
public enum NonFinitePolicy
{
    /// <summary>Throw <see cref="NonFiniteGradientException"/> before touching any weight.</summary>
    Throw,
    /// <summary>Skip the step (weights and state unchanged), count it in <see cref="Optimizer{T}.SkippedSteps"/>, and return false.</summary>
    Skip,
}
