namespace Basin.Fuzz;

/// <summary>How a reader answered one input.</summary>
/// <param name="Accepted">The input parsed as a valid file.</param>
/// <param name="Rejection">The format's error when it did not (type and message), null when accepted.</param>
/// <param name="AllocatedBytes">Managed bytes allocated on the calling thread while parsing.</param>
public sealed record FuzzOutcome(bool Accepted, string? Rejection, long AllocatedBytes);

/// <summary>An input broke a target's contract: an unexpected exception, or more memory than the budget.</summary>
public sealed class FuzzInvariantException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Runs a target on one input and checks the contract of <see cref="FuzzTarget"/>.</summary>
public static class FuzzInvariant
{
    /// <summary>Parses <paramref name="input"/>; throws <see cref="FuzzInvariantException"/> when the contract is broken.</summary>
    public static FuzzOutcome Check(FuzzTarget target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(input);
        long before = GC.GetAllocatedBytesForCurrentThread();
        string? rejection = null;
        try
        {
            target.Parse(input);
        }
        catch (Exception e) when (target.Rejections.Any(t => t.IsInstanceOfType(e)))
        {
            rejection = $"{e.GetType().Name}: {e.Message}";
        }
        catch (Exception e)
        {
            throw new FuzzInvariantException($"{target.Name}: {e.GetType().FullName} is not one of the format's errors ({string.Join(", ", target.Rejections.Select(t => t.Name))}): {e.Message}", e);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long budget = target.MemoryBudget(input.Length);
        if (allocated > budget)
            throw new FuzzInvariantException($"{target.Name}: a {input.Length}-byte input made the reader allocate {allocated} bytes, more than the budget of {budget} ({(rejection is null ? "accepted" : rejection)}).");
        return new FuzzOutcome(rejection is null, rejection, allocated);
    }
}
