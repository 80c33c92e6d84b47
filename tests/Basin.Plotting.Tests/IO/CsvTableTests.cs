namespace Basin.Plotting.Tests.IO;

public class CsvTableTests
{
    [Fact]
    public void WritesHeaderRowsInvariantAndQuoted()
    {
        var table = new CsvTable("name", "value");
        table.AddRow("a,b", 0.1);
        table.AddRow("say \"hi\"", -1234.5e-7);
        table.AddRow("nan", double.NaN);
        Assert.Equal("name,value\n\"a,b\",0.1\n\"say \"\"hi\"\"\",-0.00012345\nnan,NaN\n", table.ToString());
    }

    [Fact]
    public void RejectsRowOfWrongWidth()
    {
        var table = new CsvTable("a", "b");
        Assert.Throws<ArgumentException>(() => table.AddRow(1.0));
        Assert.Throws<ArgumentException>(() => new CsvTable());
    }

    [Fact]
    public void FromColumnsAndSave()
    {
        using var dir = new TempDir();
        CsvTable table = CsvTable.FromColumns(["x", "y"], [[1, 2], [3, 4.5]]);
        table.Save(dir.File("t.csv"));
        Assert.Equal("x,y\n1,3\n2,4.5\n", File.ReadAllText(dir.File("t.csv")));
        Assert.Single(Directory.GetFiles(dir.Path));
        Assert.Throws<ArgumentException>(() => CsvTable.FromColumns(["x", "y"], [[1, 2], [3]]));
    }
}
