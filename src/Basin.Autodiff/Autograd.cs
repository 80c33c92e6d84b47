namespace Basin.Autodiff;

/// <summary>Global (per-thread) switch for gradient recording, like <c>torch.no_grad</c>.</summary>
public static class Autograd
{
    [ThreadStatic] private static int _noGradDepth;

    /// <summary>False inside a <see cref="NoGrad"/> scope on this thread: operations compute values only and record nothing.</summary>
    public static bool IsGradEnabled => _noGradDepth == 0;

    /// <summary>Disables recording on this thread until the returned scope is disposed (scopes nest).</summary>
    public static NoGradScope NoGrad()
    {
        _noGradDepth++;
        return new NoGradScope(true);
    }

    /// <summary>Restores recording when disposed.</summary>
    public readonly struct NoGradScope : IDisposable
    {
        private readonly bool _active;
        internal NoGradScope(bool active) => _active = active;

        /// <inheritdoc/>
        public void Dispose()
        {
            if (_active && _noGradDepth > 0) _noGradDepth--;
        }
    }
}
