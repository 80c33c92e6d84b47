namespace Basin.Data.Tests;

public class DataDirectoryTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void BASIN_DATA_wins()
    {
        string root = Path.GetFullPath("/data/basin-cache");
        Assert.Equal(root, DataDirectory.Resolve(Env(("BASIN_DATA", root), ("XDG_CACHE_HOME", "/x")), false, "/home/u", "/l"));
        Assert.Equal(root, DataDirectory.Resolve(Env(("BASIN_DATA", root)), true, "/home/u", "/l"));
    }

    [Fact]
    public void Unix_uses_XDG_cache_home_then_dot_cache()
    {
        Assert.Equal(Path.Combine("/xdg", "basin"), DataDirectory.Resolve(Env(("XDG_CACHE_HOME", "/xdg")), false, "/home/u", "/l"));
        Assert.Equal(Path.Combine("/home/u", ".cache", "basin"), DataDirectory.Resolve(Env(), false, "/home/u", "/l"));
        Assert.Equal(Path.Combine("/home/u", ".cache", "basin"), DataDirectory.Resolve(Env(("XDG_CACHE_HOME", "relative")), false, "/home/u", "/l"));
    }

    [Fact]
    public void Windows_uses_local_application_data()
    {
        Assert.Equal(Path.Combine("/l", "basin"), DataDirectory.Resolve(Env(("XDG_CACHE_HOME", "/xdg")), true, "/home/u", "/l"));
    }
}
