using AmoHealth.ServiceDefaults.Telemetry;
using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Alerts;

/// <summary>No secret in telemetry: spans and log records reach the Aspire dashboard and any OTLP endpoint, so the
/// webhook receiver's secret, the Mattermost key and the amoCRM token must never be in them.</summary>
[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class SecretsInTelemetryTests
{
    private const string HookSecret = "hooksecretZ9y8x7w6v5u4";
    private const string MattermostKey = "mmkey3k4j5h6g7f8d9s0a1q";

    [Theory]
    [InlineData("https://mm.example/hooks/3k4j5h6g7f8d9s0a1q2w3e4r5t", "https://mm.example/hooks/{key}")]
    [InlineData(
        "https://api.telegram.org/bot123456:AAE-xyz_987/sendMessage",
        "https://api.telegram.org/bot{token}/sendMessage")]
    [InlineData(
        "http://localhost:3001/hooks/amocrm/abcdef0123456789?account=demo&probe=dp",
        "http://localhost:3001/hooks/amocrm/{secret}?{query}")]
    [InlineData(
        "/api/v4/webhooks?filter[destination]=https%3A%2F%2Fm%2Fhooks%2Famocrm%2Fs3cr3t",
        "/api/v4/webhooks?{query}")]
    [InlineData("POST /hooks/amocrm/{secret}", "POST /hooks/amocrm/{secret}")]
    [InlineData("/api/v4/account", "/api/v4/account")]
    [InlineData("/hooks/demo", "/hooks/demo")]
    public void UrlSecretsAreMasked(string value, string expected) =>
        Assert.Equal(expected, SecretRedaction.Redact(value));

    [Fact]
    public async Task ACycleAnAlertAndADeliveryLeaveNoSecretInSpansLogsOrMetrics()
    {
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With(new() { ["Simulator:MattermostHooks:0"] = MattermostKey });
        using var control = simulator.CreateAmoClient();
        var capture = new TelemetryCapture();
        await using var prober = ProberHost.For(simulator, database, new()
        {
            ["MATTERMOST_WEBHOOK_URL"] = new Uri(simulator.BaseUri, $"/hooks/{MattermostKey}").ToString(),
            // Nothing answers there: HOOK and DP check our own receiver through it (its secret in the URL).
            ["PUBLIC_URL"] = $"http://127.0.0.1:{RedisServer.FreePort()}",
            ["Monitor:HookSecret"] = HookSecret,
            ["Monitor:DpStageId"] = "7000102",
            ["Monitor:DpReturnStageId"] = "7000101",
            ["CHECK_INTERVAL"] = "2000",
            ["Alerts:ConfirmAfterSeconds:0"] = "1",
            ["Alerts:ConfirmAfterSeconds:1"] = "2",
        }, capture.AddTo);
        using var client = prober.CreateClient();

        // A cycle, then an outage that alerts through Mattermost, then a delivery to the receiver.
        await Eventually.TrueAsync(() =>
            capture.Spans.Any(s => s.Contains("/api/v4/account", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "a probe span");
        using (var fault = await control.PostJsonAsync("/__sim/faults", """{"endpoint":"account","status":503}"""))
        {
            fault.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(() => capture.Spans.Any(s => s.Contains("/hooks/{key}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(40), "the alert's span");
        using (var delivered = await client.PostAsync($"/hooks/amocrm/{HookSecret}?account=x",
            new FormUrlEncodedContent([new("leads[update][0][id]", "1")])))
        {
            delivered.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(() =>
            capture.Spans.Any(s => s.Contains("/hooks/amocrm/{secret}", StringComparison.Ordinal)
            && s.Contains("POST", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the receiver's span");
        var metrics = await client.GetStringAsync("/metrics");

        foreach (var secret in new[] { HookSecret, MattermostKey, SimulatorHost.Token })
        {
            Assert.DoesNotContain(capture.Spans, s => s.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(capture.Logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, metrics);
        }

        Assert.NotEmpty(capture.Logs);
    }
}
