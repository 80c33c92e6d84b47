using System.Text;

namespace Basin.Data.Tests;

public class FashionJsonTests
{
    /// <summary>A class file in the package's layout: rows of <paramref name="n"/> integers, empty rows where asked.</summary>
    internal static string ClassFile(int images, int n, int seed, params int[] emptyRowsAt)
    {
        var rng = new Random(seed);
        var rows = new List<string>();
        int written = 0;
        while (written < images || emptyRowsAt.Contains(rows.Count))
        {
            if (emptyRowsAt.Contains(rows.Count))
            {
                rows.Add("[]");
                continue;
            }
            rows.Add("[" + string.Join(",", Enumerable.Range(0, n).Select(_ => rng.Next(256))) + "]");
            written++;
        }
        return "{\"data\":[" + string.Join(",", rows) + "]}";
    }

    private static FashionJsonClass Parse(string json, int n = 4) =>
        FashionJson.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes(json)), "0.json", n);

    [Fact]
    public void Parses_rows_and_records_separators()
    {
        var parsed = Parse("{\"data\":[[0,1,2,255],[],[4,5,6,7],[]]}");
        Assert.Equal(2, parsed.ImageCount);
        Assert.Equal(4, parsed.RowCount);
        Assert.Equal([1, 3], parsed.EmptyRows);
        Assert.Equal([0, 1, 2, 255, 4, 5, 6, 7], parsed.Pixels);
    }

    [Fact]
    public void Large_files_cross_buffer_boundaries_intact()
    {
        string json = ClassFile(images: 300, n: 784, seed: 5, emptyRowsAt: [100, 301]);
        Assert.True(json.Length > 4 * 65536);
        var parsed = FashionJson.ParseClassFile(new MemoryStream(Encoding.UTF8.GetBytes(json)), "0.json");
        Assert.Equal((300, 302), (parsed.ImageCount, parsed.RowCount));
        Assert.Equal([100, 301], parsed.EmptyRows);
        var rng = new Random(5);
        var expected = Enumerable.Range(0, 784 * 300).Select(_ => (byte)rng.Next(256)).ToArray();
        Assert.Equal(expected, parsed.Pixels);
    }

    [Fact]
    public void Other_properties_and_whitespace_are_tolerated()
    {
        var parsed = Parse("{ \"meta\": {\"a\":[1,{\"b\":2}]}, \"v\": 3,\n \"data\" : [ [1, 2, 3, 4] ], \"z\": [] }");
        Assert.Equal(1, parsed.ImageCount);
        Assert.Equal([1, 2, 3, 4], parsed.Pixels);
    }

    [Theory]
    [InlineData("{\"data\":[[1,2,3]]}", "row 0 has 3 values")]
    [InlineData("{\"data\":[[1,2,3,4,5]]}", "more than 4 values")]
    [InlineData("{\"data\":[[1,2,3,256]]}", "row 0, column 3 is 256")]
    [InlineData("{\"data\":[[1,2,3,0.5]]}", "not an integer in 0..255")]
    [InlineData("{\"data\":[[1,2,\"3\",4]]}", "row 0, column 2 is a String")]
    [InlineData("{\"data\":[5]}", "row 0 of \"data\" is a Number")]
    [InlineData("{\"data\":{}}", "\"data\" is not an array")]
    [InlineData("{\"other\":[]}", "no \"data\" array")]
    [InlineData("[]", "top level is not an object")]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"data\":[[1,2,3,4],[1,2", "not valid JSON")]
    public void Layout_errors_name_the_file_and_the_place(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse(json));
        Assert.Contains("'0.json'", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
