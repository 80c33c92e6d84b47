using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Basin.Tensors.Statistics;

namespace Basin.Serve.Load;

/// <summary>The load test's plan: <paramref name="Requests"/> POST /api/classify, <paramref name="Concurrency"/> in flight at once.</summary>
public sealed record LoadTestOptions(int Concurrency = 200, int Requests = 400, string Model = "pretrained:mnist", int Steps = 200, int Frames = 2);

/// <summary>What the load test measured: errors (non-2xx or failed connections), latency percentiles, throughput.</summary>
public sealed record LoadTestResult(string Url, int Requests, int Concurrency, int Errors, double P50Ms, double P99Ms, double MaxMs, double RequestsPerSecond,
    double Seconds, int Steps, string? FirstError);

/// <summary>
/// Fires <see cref="LoadTestOptions.Requests"/> classify requests at a running server, keeping
/// <see cref="LoadTestOptions.Concurrency"/> in flight (each on its own connection), and reports p50/p99 latency
/// (quantiles of the per-request wall time, linear interpolation as <see cref="Summary.Quantile"/>) and requests per second (requests / total wall time).
/// </summary>
public static class LoadTest
{
    /// <summary>Runs the test against <paramref name="baseUri"/> (e.g. http://127.0.0.1:8080/).</summary>
    public static async Task<LoadTestResult> RunAsync(Uri baseUri, LoadTestOptions o, float[] pixels, CancellationToken cancel = default)
    {
        if (o.Concurrency < 1 || o.Requests < o.Concurrency) throw new ArgumentException("need Requests ≥ Concurrency ≥ 1.");
        var body = JsonSerializer.Serialize(new { model = o.Model, pixels, steps = o.Steps, frames = o.Frames });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };
        var latencies = new double[o.Requests];
        int errors = 0, next = -1;
        string? firstError = null;
        var total = Stopwatch.StartNew();
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < o.Requests)
            {
                var sw = Stopwatch.StartNew();
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync("api/classify", content, cancel);
                    await response.Content.ReadAsByteArrayAsync(cancel);
                    if (response.StatusCode != HttpStatusCode.OK) { Interlocked.Increment(ref errors); firstError ??= $"HTTP {(int)response.StatusCode}"; }
                }
                catch (HttpRequestException e) { Interlocked.Increment(ref errors); firstError ??= e.Message; }
                latencies[i] = sw.Elapsed.TotalMilliseconds;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, o.Concurrency).Select(_ => Task.Run(Worker, cancel)));
        double seconds = total.Elapsed.TotalSeconds;
        return new LoadTestResult(baseUri.ToString(), o.Requests, o.Concurrency, errors, Summary.Quantile(latencies, 0.5), Summary.Quantile(latencies, 0.99),
            latencies.Max(), o.Requests / seconds, seconds, o.Steps, firstError);
    }
}
