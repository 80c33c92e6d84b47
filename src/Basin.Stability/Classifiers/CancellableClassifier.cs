namespace Basin.Stability.Classifiers;

/// <summary>
/// A classifier that checks a cancellation token before every query and then asks the wrapped one. An attack queries its
/// model at every iteration, so wrapping the model makes a long batch (an SA-nODE integrated over 1 200 steps per query)
/// stop within one query of Ctrl-C or SIGTERM instead of at the end of the batch, with no token in the attack contract.
/// </summary>
public sealed class CancellableClassifier : IClassifier
{
    private readonly IClassifier _inner;
    private readonly CancellationToken _cancel;

    private CancellableClassifier(IClassifier inner, CancellationToken cancel) => (_inner, _cancel) = (inner, cancel);

    /// <summary><paramref name="c"/> itself when <paramref name="cancel"/> can never be cancelled, else the wrapper.</summary>
    public static IClassifier Wrap(IClassifier c, CancellationToken cancel) => cancel.CanBeCanceled ? new CancellableClassifier(c, cancel) : c;

    /// <summary>The wrapped classifier.</summary>
    public IClassifier Inner => _inner;

    /// <inheritdoc/>
    public string Name => _inner.Name;

    /// <inheritdoc/>
    public int Dimension => _inner.Dimension;

    /// <inheritdoc/>
    public int Classes => _inner.Classes;

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, int batch, Span<double> scores)
    {
        _cancel.ThrowIfCancellationRequested();
        _inner.Scores(x, batch, scores);
    }

    /// <inheritdoc/>
    public void InputGradient(ReadOnlySpan<double> x, int batch, ReadOnlySpan<double> gradScores, Span<double> gradX, Span<double> scores)
    {
        _cancel.ThrowIfCancellationRequested();
        _inner.InputGradient(x, batch, gradScores, gradX, scores);
    }
}
