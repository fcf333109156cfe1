using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Integration.Alerts;

[Trait("Ring", "Integration")]
[Collection(ProberProcessCollection.Name)]
public sealed class ProberAlertingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task AnOutageYieldsExactlyOneDownAlertAndOneRestoredAlert()
    {
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With();
        using var control = simulator.CreateAmoClient();
        await using var prober = FastProber(simulator, database);
        using var client = prober.CreateClient();
        await Eventually.TrueAsync(() => simulator.Account.Leads.Count >= 1, Wait, "the first cycle");

        using (var fault = await control.PostJsonAsync("/__sim/faults", """{"endpoint":"account","status":503}"""))
        {
            fault.EnsureSuccessStatusCode();
        }

        await Eventually.GetAsync(
            async () => (await MattermostInbox.TextsAsync(control))
                    .Any(t => t.StartsWith("🔴", StringComparison.Ordinal))
                ? new object()
                : null,
            Wait, "the down alert");
        // The metrics agree; polled, as a scrape may trail the alert by a moment under load.
        await MetricEventuallyAsync(client, "amohealth_check_up", "GET", 0);
        await MetricEventuallyAsync(client, "amohealth_incidents_open", "GET", 1);
        await MetricEventuallyAsync(client, "amohealth_incidents_opened_total", "GET", 1);
        Assert.True(await MetricAsync(client, "amohealth_probe_duration_milliseconds_count", "GET") >= 1);
        // A result is stored with any alert it raises, in one transaction: more failing cycles, still one alert.
        await MoreGetResultsAsync("two more failing GET cycles");
        Assert.Single(Alerts());
        await control.DeleteAsync("/__sim/faults");
        await Eventually.GetAsync(
            async () => (await MattermostInbox.TextsAsync(control))
                    .Any(t => t.StartsWith("✅", StringComparison.Ordinal))
                ? new object()
                : null,
            Wait, "the restored alert");
        await MoreGetResultsAsync("two more GET cycles after the restored alert");
        Assert.Equal(2, Alerts().Count);
        await Eventually.TrueAsync(() => Alerts().All(n => n.DeliveredAt is not null), Wait, "every alert delivered");

        var texts = await MattermostInbox.TextsAsync(control);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("🔴 **amoCRM: API (чтение, GET) не работает**", texts[0]);
        Assert.Contains("HTTP: 503", texts[0]);
        Assert.StartsWith("✅ **amoCRM: API (чтение, GET) восстановлен**", texts[1]);
        await MetricEventuallyAsync(client, "amohealth_check_up", "GET", 1);
        await MetricEventuallyAsync(client, "amohealth_incidents_open", "GET", 0);

        int GetResults()
        {
            using var db = database.CreateFactory().CreateDbContext();
            return db.HealthChecks.Count(h => h.CheckType == "GET");
        }

        Task MoreGetResultsAsync(string what)
        {
            var seen = GetResults();
            return Eventually.TrueAsync(() => GetResults() >= seen + 2, Wait, what);
        }

        List<AmoHealth.Core.Storage.NotificationRecord> Alerts()
        {
            using var db = database.CreateFactory().CreateDbContext();
            return [.. db.Notifications];
        }
    }

    [Fact]
    public async Task ARateLimitStormIsOneWarningSayingUntilWhenNotAnOutage()
    {
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With();
        using var control = simulator.CreateAmoClient();
        await using var prober = FastProber(simulator, database);
        using var client = prober.CreateClient();
        await Eventually.TrueAsync(() => simulator.Account.Leads.Count >= 1, Wait, "the first cycle");

        using (var fault = await control.PostJsonAsync("/__sim/faults", """{"endpoint":"account","mode":"throttle"}"""))
        {
            fault.EnsureSuccessStatusCode();
        }

        await Eventually.GetAsync(async () =>
            (await MattermostInbox.TextsAsync(control)).Count > 0 ? new object() : null, Wait, "the warning");
        // Every API check is throttled now (the whole account pauses); more cycles: still one message.
        var seen = GetResults();
        await Eventually.TrueAsync(() => GetResults() >= seen + 2, Wait, "two more throttled GET cycles");
        Assert.Single(Alerts());
        await Eventually.TrueAsync(() => Alerts().All(n => n.DeliveredAt is not null), Wait, "the warning delivered");

        var text = Assert.Single(await MattermostInbox.TextsAsync(control));
        Assert.StartsWith("⚠️ **amoCRM ограничивает запросы AmoHealth (HTTP 429)**", text);
        Assert.Matches(@"Запросы к API приостановлены до \d\d:\d\d:\d\d \(Europe/Moscow\)", text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "приостановлены"));
        Assert.Contains("Что сделать", text);
        Assert.DoesNotContain("🔴", text);

        int GetResults()
        {
            using var db = database.CreateFactory().CreateDbContext();
            return db.HealthChecks.Count(h => h.CheckType == "GET");
        }

        List<AmoHealth.Core.Storage.NotificationRecord> Alerts()
        {
            using var db = database.CreateFactory().CreateDbContext();
            return [.. db.Notifications];
        }
    }

    /// <summary>A whole Prober on a 2 s interval, confirming after 1 s and 2 s, alerting to Mattermost.</summary>
    private static ProberHost FastProber(SimulatorHost simulator, TempDatabase database) =>
        ProberHost.For(simulator, database, new()
    {
        ["MATTERMOST_WEBHOOK_URL"] = new Uri(simulator.BaseUri, "/hooks/demo").ToString(),
        ["CHECK_INTERVAL"] = "2000",
        ["TIMEOUT_THRESHOLD"] = "1500",
        ["Alerts:ConfirmAfterSeconds:0"] = "1",
        ["Alerts:ConfirmAfterSeconds:1"] = "2",
    });

    private static async Task MetricEventuallyAsync(HttpClient prober, string name, string check, double expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        double? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await TryMetricAsync(prober, name, check);
            if (last == expected)
            {
                return;
            }

            await Task.Delay(250);
        }

        var seen = last?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent";
        Assert.Fail($"{name} for {check} was {seen}, expected {expected} within 15 s");
    }

    private static async Task<double?> TryMetricAsync(HttpClient prober, string name, string check)
    {
        var text = await prober.GetStringAsync("/metrics");
        var samples = text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal)
                && l.Contains($"check=\"{check}\"", StringComparison.Ordinal))
            .Select(l =>
                double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0],
                System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return samples.Count == 0 ? null : samples.Sum();
    }

    /// <summary>Sums a metric's samples for one check from the Prometheus text at /metrics.</summary>
    private static async Task<double> MetricAsync(HttpClient prober, string name, string check)
    {
        var text = await prober.GetStringAsync("/metrics");
        var samples = text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal)
                && l.Contains($"check=\"{check}\"", StringComparison.Ordinal))
            .Select(l =>
                double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0],
                System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(samples.Count > 0, $"{name} for {check} in /metrics:\n{text}");
        return samples.Sum();
    }
}
