using AmoHealth.Core.Checks;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Probes;

/// <summary>Each outcome, produced by the simulator behaving as amoCRM does when it fails that way.</summary>
[Trait("Ring", "Integration")]
public sealed class OutcomesFromSimulatorTests
{
    [Theory]
    [InlineData("""{"endpoint":"account","status":503}""", Outcome.Down, 503, "HTTP 503")]
    [InlineData("""{"endpoint":"account","status":500}""", Outcome.Down, 500, "HTTP 500")]
    [InlineData("""{"endpoint":"account","status":402}""", Outcome.Billing, 402, "402")]
    [InlineData("""{"endpoint":"account","status":401}""", Outcome.AuthFailed, 401, "401")]
    [InlineData("""{"endpoint":"account","mode":"throttle"}""", Outcome.Throttled, 429, "429")]
    [InlineData("""{"endpoint":"account","mode":"block"}""", Outcome.Blocked, 403, "403")]
    [InlineData("""{"endpoint":"account","mode":"timeout"}""", Outcome.Down, null, "Timeout")]
    [InlineData("""{"endpoint":"account","mode":"reset"}""", Outcome.Down, null, "")]
    [InlineData("""{"endpoint":"account","latencyMs":1200}""", Outcome.Degraded, 200, "threshold")]
    public async Task AnInjectedFailureBecomesItsOutcome(string fault, Outcome expected, int? status, string message)
    {
        await using var rig = await ProberRig.StartAsync(o =>
        {
            o.CheckIntervalMs = 5_000;
            o.DeliveryDeadlineMs = 2_000;
            o.DegradedMs["GET"] = 500;
            o.TimeoutMs = 3_000;
        });
        if (fault.Contains("timeout", StringComparison.Ordinal))
        {
            rig.Options.TimeoutMs = 1_000;
        }

        using var response = await rig.Control.PostJsonAsync("/__sim/faults", fault);
        response.EnsureSuccessStatusCode();

        var result = await rig.Get.ProbeAsync(rig.Account, CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(status, result.HttpStatus);
        Assert.Contains(message, result.ErrorMessage ?? string.Empty);
        if (expected == Outcome.Degraded)
        {
            Assert.True(result.ResponseTimeMs >= 1_190, $"{result.ResponseTimeMs} ms");
        }
    }
}
