using System.Diagnostics;
using System.Net;
using AmoHealth.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>
/// The Gateway keeps the last good answer of each public page: when the Api is away, fails or is slower than 3 s,
/// that copy is served, marked <c>X-AmoHealth-Stale: 1</c> and still telling its snapshot's time; with no copy the
/// answer is a short 503.
/// </summary>
[Trait("Ring", "Integration")]
public sealed class StatusPageStaleTests
{
    private const string SnapshotAt = "2026-12-07T03:00:00.0000000+00:00";
    private const string Page = "<!doctype html><title>demo</title>";
    private int _asked;

    [Fact]
    public async Task AFailingApiIsReplacedByTheLastGoodCopyAndWithoutOneTheAnswerIsAShort503()
    {
        await using var api = await LoopbackServer.StartAsync(context =>
            Interlocked.Increment(ref _asked) == 1 ? GoodAsync(context) : FailAsync(context));
        await using var gateway = new GatewayHost(new() { ["services:api:http:0"] = api.BaseUri.ToString() });
        using var client = gateway.Client();

        using var fresh = await client.GetAsync("/status/demo");
        using var stale = await client.GetAsync("/status/demo");
        using var never = await client.GetAsync("/status/demo?lang=en");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.False(fresh.Headers.Contains("X-AmoHealth-Stale"));
        await AssertStaleAsync(stale);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, never.StatusCode);
        Assert.Equal("text/plain", never.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not available", await never.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheApiStopsTheLastGoodCopyIsServed()
    {
        var api = await LoopbackServer.StartAsync(GoodAsync);
        await using var gateway = new GatewayHost(new() { ["services:api:http:0"] = api.BaseUri.ToString() });
        using var client = gateway.Client();
        using var fresh = await client.GetAsync("/status/demo");

        await api.DisposeAsync();
        using var stale = await client.GetAsync("/status/demo");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        await AssertStaleAsync(stale);
    }

    [Fact]
    public async Task AnApiSlowerThanThreeSecondsIsAnsweredFromTheLastGoodCopy()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var api = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref _asked) > 1)
            {
                await release.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            }

            await GoodAsync(context);
        });
        await using var gateway = new GatewayHost(new() { ["services:api:http:0"] = api.BaseUri.ToString() });
        using var client = gateway.Client();
        client.Timeout = TimeSpan.FromSeconds(20);
        using var fresh = await client.GetAsync("/status/demo");

        var clock = Stopwatch.StartNew();
        using var stale = await client.GetAsync("/status/demo");
        var waited = clock.Elapsed;
        release.TrySetResult();

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        await AssertStaleAsync(stale);
        Assert.InRange(waited, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(15));
    }

    private static async Task AssertStaleAsync(HttpResponseMessage stale)
    {
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("1", stale.Headers.GetValues("X-AmoHealth-Stale").Single());
        Assert.Equal(SnapshotAt, stale.Headers.GetValues("X-AmoHealth-Snapshot-At").Single());
        Assert.Equal("\"7-html\"", stale.Headers.ETag?.Tag);
        Assert.Equal("text/html", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Page, await stale.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", stale.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal);
    }

    private static Task GoodAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ETag = "\"7-html\"";
        context.Response.Headers.CacheControl = "public, max-age=30, stale-while-revalidate=60";
        context.Response.Headers["X-AmoHealth-Snapshot-At"] = SnapshotAt;
        return context.Response.WriteAsync(Page);
    }

    private static Task FailAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return context.Response.WriteAsync("boom: the database is locked");
    }
}
