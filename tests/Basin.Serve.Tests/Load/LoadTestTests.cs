using Basin.Serve.Load;
using Basin.Serve.Tests.TestSupport;

namespace Basin.Serve.Tests.Load;

public class LoadTestTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ConcurrentClassifyRequestsAllSucceedAndAreTimed()
    {
        var (pixels, _) = await server.DigitAsync(1);
        var r = await LoadTest.RunAsync(server.App.Address, new LoadTestOptions(Concurrency: 16, Requests: 32, Steps: 10), pixels);
        Assert.Equal(0, r.Errors);
        Assert.Equal(32, r.Requests);
        Assert.True(r.P50Ms > 0 && r.P99Ms >= r.P50Ms && r.MaxMs >= r.P99Ms);
        Assert.True(r.RequestsPerSecond > 0);
    }

    [Fact]
    public async Task ErrorsAreCounted()
    {
        var r = await LoadTest.RunAsync(server.App.Address, new LoadTestOptions(Concurrency: 2, Requests: 4, Steps: 10), new float[3]);
        Assert.Equal(4, r.Errors);
        Assert.Equal("HTTP 400", r.FirstError);
    }
}
