using System.Net;
using System.Text;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>A probe against the Simulator names why it failed as a kind, whatever its English detail says.</summary>
[Trait("Ring", "Integration")]
public sealed class FailureKindTests : IDisposable
{
    private static readonly MonitorOptions Options = new() { TimeoutMs = 2_000, CheckIntervalMs = 30_000 };
    private readonly SimulatorHost _simulator = SimulatorHost.With();
    private readonly HttpClient _control;

    public FailureKindTests() => _control = _simulator.CreateAmoClient();

    public void Dispose()
    {
        _control.Dispose();
        _simulator.Dispose();
    }

    [Theory]
    [InlineData("""{"endpoint":"account","mode":"timeout","count":1}""", FailureKind.Timeout)]
    [InlineData("""{"endpoint":"account","mode":"reset","count":1}""", FailureKind.Connect)]
    [InlineData("""{"endpoint":"account","status":503,"count":1}""", FailureKind.HttpStatus)]
    [InlineData("""{"endpoint":"account","mode":"throttle","count":1}""", FailureKind.Throttled)]
    [InlineData("""{"endpoint":"account","mode":"block","count":1}""", FailureKind.Blocked)]
    public async Task AFaultOfAmoCrmIsNamedByItsKind(string fault, FailureKind kind)
    {
        await FaultAsync(fault);

        var result = await new GetProbe(ProbeClients.Create(Options)).ProbeAsync(Account(), CancellationToken.None);

        Assert.True(kind == result.Kind, $"{result.Kind}: {result.ErrorMessage}");
        Assert.False(result.Outcome.IsSuccess());
    }

    [Fact]
    public async Task ARejectedTokenIsNamedApartFromAnOutage()
    {
        var account = new AmoAccount("acme", _simulator.BaseUri, "not-the-token");

        var result = await new GetProbe(ProbeClients.Create(Options)).ProbeAsync(account, CancellationToken.None);

        Assert.Equal((Outcome.AuthFailed, FailureKind.TokenRejected), (result.Outcome, result.Kind));
    }

    [Fact]
    public async Task NothingListeningIsAConnectFailure()
    {
        var closed = new Uri($"http://127.0.0.1:{RedisServer.FreePort()}");
        var account = new AmoAccount("acme", closed, SimulatorHost.Token);

        var result = await new GetProbe(ProbeClients.Create(Options)).ProbeAsync(account, CancellationToken.None);

        Assert.Equal((Outcome.Down, FailureKind.Connect), (result.Outcome, result.Kind));
        Assert.Null(result.HttpStatus);
    }

    [Fact]
    public async Task AHealthyAccountHasNoFailureKind()
    {
        var result = await new GetProbe(ProbeClients.Create(Options)).ProbeAsync(Account(), CancellationToken.None);

        Assert.Equal((Outcome.Up, FailureKind.None), (result.Outcome, result.Kind));
    }

    private AmoAccount Account() => new("acme", _simulator.BaseUri, SimulatorHost.Token);

    private async Task FaultAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _control.PostAsync("/__sim/faults", content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
