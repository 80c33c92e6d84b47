namespace Basin.Tensors.LinearAlgebra;

/// <summary>
/// Thrown when a factorisation meets an exactly zero (or non-finite) pivot, so the matrix has no inverse
/// and linear systems with it have no unique solution. <see cref="PivotIndex"/> is the elimination step.
/// </summary>
public sealed class SingularMatrixException : ArgumentException
{
    /// <summary>Creates the exception for the zero pivot met at elimination step <paramref name="pivotIndex"/>.</summary>
    public SingularMatrixException(string message, int pivotIndex) : base(message) => PivotIndex = pivotIndex;

    /// <summary>Zero-based elimination step whose pivot column had no usable entry.</summary>
    public int PivotIndex { get; }
}
