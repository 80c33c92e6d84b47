using Basin.Tensors.IO;

namespace Basin.Tensors.Tests.IO;

/// <summary>Fuzzing regression (issue 28): a duplicate key in a shard document threw ArgumentException on first access.</summary>
public sealed class JsonOutputReadTests
{
    [Fact]
    public void DuplicateKeys_AreInvalidData_WhenRead()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dup-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"study":"a","study":"b"}""");
        try { Assert.Throws<InvalidDataException>(() => JsonOutput.Read(path)); }
        finally { File.Delete(path); }
    }
}
