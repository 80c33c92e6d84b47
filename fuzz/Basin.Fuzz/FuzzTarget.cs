namespace Basin.Fuzz;

/// <summary>
/// One fuzz target: a format Basin reads and the call that reads it. The contract every input must meet (checked by
/// <see cref="FuzzInvariant"/>): <see cref="Parse"/> either returns (the input is a valid file of the format) or throws one
/// of <see cref="Rejections"/>, the format's own clear errors; any other exception, a hang or an allocation beyond
/// <see cref="MemoryBudget"/> is a bug.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>Base allowance of managed allocation per input, whatever its size (buffers, JIT-free bookkeeping).</summary>
    public const long BaseAllocationBytes = 64L << 20;

    /// <summary>Target name (<c>Basin.Fuzz run NAME</c>, folder <c>tests/fuzz/NAME/</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What is read and through which API.</summary>
    public abstract string Description { get; }

    /// <summary>The exception types (and their subclasses) that count as the format's clear rejection of an input.</summary>
    public abstract IReadOnlyList<Type> Rejections { get; }

    /// <summary>
    /// Bytes the reader may allocate per input byte beyond <see cref="BaseAllocationBytes"/>: a file that declares a huge
    /// size must fail before allocating it, so allocation is bounded by what the input really holds.
    /// </summary>
    public virtual long AllocationPerInputByte => 64;

    /// <summary>Managed bytes one input of <paramref name="length"/> bytes may allocate.</summary>
    public long MemoryBudget(long length) => BaseAllocationBytes + AllocationPerInputByte * length;

    /// <summary>Reads <paramref name="input"/> as the format, as Basin does for a file given on the command line.</summary>
    public abstract void Parse(byte[] input);

    /// <summary>Valid files of the format, the starting corpus of a campaign (written by <c>Basin.Fuzz seeds</c>).</summary>
    public abstract IEnumerable<(string Name, byte[] Bytes)> Seeds();
}
