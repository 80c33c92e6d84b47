namespace Basin.Fuzz.Tests;

/// <summary>The contract check itself: it must fail on a foreign exception and on an allocation beyond the budget.</summary>
public sealed class FuzzInvariantTests
{
    private sealed class Probe(Action<byte[]> parse) : FuzzTarget
    {
        public override string Name => "probe";
        public override string Description => "test probe";
        public override IReadOnlyList<Type> Rejections => [typeof(InvalidDataException)];
        public override void Parse(byte[] input) => parse(input);
        public override IEnumerable<(string Name, byte[] Bytes)> Seeds() => [];
    }

    [Fact]
    public void TheFormatsError_IsARejection_AndAnyOtherException_IsAViolation()
    {
        var o = FuzzInvariant.Check(new Probe(_ => throw new InvalidDataException("bad magic")), [1]);
        Assert.False(o.Accepted);
        Assert.Contains("bad magic", o.Rejection);
        Assert.Throws<FuzzInvariantException>(() => FuzzInvariant.Check(new Probe(_ => throw new IndexOutOfRangeException()), [1]));
        Assert.True(FuzzInvariant.Check(new Probe(_ => { }), [1]).Accepted);
    }

    [Fact]
    public void AnAllocationBeyondTheBudget_IsAViolation_EvenWhenTheInputIsRejected()
    {
        var hog = new Probe(b => { GC.KeepAlive(new byte[FuzzTarget.BaseAllocationBytes + 1024]); throw new InvalidDataException("late"); });
        var e = Assert.Throws<FuzzInvariantException>(() => FuzzInvariant.Check(hog, new byte[10]));
        Assert.Contains("budget", e.Message);
    }
}
