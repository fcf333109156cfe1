using System.Net.Http.Json;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>AmoHealth must never be the integration that gets an amoCRM account blocked.</summary>
[Trait("Ring", "Integration")]
public sealed class AccountSafetyTests : IDisposable
{
    private static readonly MonitorOptions Options =
        new() { TimeoutMs = 5_000, CheckIntervalMs = 30_000, MaxRequestsPerSecond = 5 };
    private readonly SimulatorHost _simulator = SimulatorHost.With();
    private readonly HttpClient _control;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public AccountSafetyTests() => _control = _simulator.CreateAmoClient();

    public void Dispose()
    {
        _control.Dispose();
        _simulator.Dispose();
    }

    [Fact]
    public async Task AfterA429NoApiRequestIsSentUntilRetryAfterHasPassed()
    {
        var client = ProbeClients.Create(Options, _time);
        var get = new GetProbe(client);
        var web = new WebProbe(client);
        var account = new AmoAccount("acme", _simulator.BaseUri, SimulatorHost.Token);
        await FaultAsync("""{"endpoint":"account","mode":"throttle","count":1}""");
        await _control.DeleteAsync("/__sim/requests");

        var first = await get.ProbeAsync(account, CancellationToken.None);
        var held = new List<ProbeResult>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await get.ProbeAsync(account, CancellationToken.None));
        }

        var page = await web.ProbeAsync(account, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(299));
        var stillHeld = await get.ProbeAsync(account, CancellationToken.None);
        var apiRequestsWhileHeld = await ApiRequestsAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await get.ProbeAsync(account, CancellationToken.None);

        Assert.Equal((Outcome.Throttled, 429), (first.Outcome, first.HttpStatus));
        Assert.All(held.Append(stillHeld), r =>
        {
            Assert.Equal(Outcome.Throttled, r.Outcome);
            Assert.Null(r.HttpStatus);
            Assert.Contains("backing off", r.ErrorMessage);
        });
        Assert.Equal(1, apiRequestsWhileHeld);
        Assert.Equal(Outcome.Up, page.Outcome);
        Assert.Equal(Outcome.Up, after.Outcome);
    }

    [Fact]
    public async Task AfterA403BlockTheAccountIsOnlyRecheckedOncePerHour()
    {
        var client = ProbeClients.Create(Options, _time);
        var get = new GetProbe(client);
        var account = new AmoAccount("acme", _simulator.BaseUri, SimulatorHost.Token);
        await FaultAsync("""{"endpoint":"account","mode":"block","count":1}""");
        await _control.DeleteAsync("/__sim/requests");

        var blocked = await get.ProbeAsync(account, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Outcome.Blocked, (await get.ProbeAsync(account, CancellationToken.None)).Outcome);
        }

        _time.Advance(TimeSpan.FromMinutes(59));
        await get.ProbeAsync(account, CancellationToken.None);
        Assert.Equal(1, await ApiRequestsAsync());

        _time.Advance(TimeSpan.FromMinutes(1));
        var recheck = await get.ProbeAsync(account, CancellationToken.None);
        Assert.Equal((Outcome.Blocked, 403), (recheck.Outcome, recheck.HttpStatus));
        Assert.Equal(2, await ApiRequestsAsync());

        // amoCRM's support lifts the block; the next hourly recheck sees it and probing resumes.
        await _control.DeleteAsync("/__sim/faults");
        _time.Advance(TimeSpan.FromMinutes(60));
        var lifted = await get.ProbeAsync(account, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var next = await get.ProbeAsync(account, CancellationToken.None);

        Assert.Equal((Outcome.Blocked, 403), (blocked.Outcome, blocked.HttpStatus));
        Assert.Equal(Outcome.Up, lifted.Outcome);
        Assert.Equal(Outcome.Up, next.Outcome);
    }

    [Fact]
    public async Task ApiRequestsToOneAccountAreSpacedToTheBudget()
    {
        var options = new MonitorOptions { TimeoutMs = 5_000, CheckIntervalMs = 30_000, MaxRequestsPerSecond = 4 };
        var get = new GetProbe(ProbeClients.Create(options));
        var account = new AmoAccount("acme", _simulator.BaseUri, SimulatorHost.Token);
        // A first request through a cold client and Simulator can take longer than the whole budget and would
        // arrive together with the spaced ones: warm both with another account, which has a guard of its own.
        Assert.Equal(Outcome.Up,
            (await get.ProbeAsync(account with { Name = "warm-up" }, CancellationToken.None)).Outcome);
        await _control.DeleteAsync("/__sim/requests");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => get.ProbeAsync(account, CancellationToken.None)));

        var times = (await _control.GetFromJsonAsync<JsonElement>("/__sim/requests")).EnumerateArray()
            .Where(r => r.GetProperty("endpoint").GetString() == "account")
            .Select(r => r.GetProperty("time").GetInt64())
            .Order()
            .ToList();
        Assert.Equal(5, times.Count);
        // Four gaps of at least 250 ms: never a burst, whatever the scheduler does.
        Assert.True(times[^1] - times[0] >= 950, $"5 requests within {times[^1] - times[0]} ms");
    }

    private async Task FaultAsync(string json)
    {
        using var response = await _control.PostJsonAsync("/__sim/faults", json);
        response.EnsureSuccessStatusCode();
    }

    private async Task<int> ApiRequestsAsync() =>
        (await _control.GetFromJsonAsync<JsonElement>("/__sim/requests")).EnumerateArray()
            .Count(r => r.GetProperty("endpoint").GetString() == "account");
}
