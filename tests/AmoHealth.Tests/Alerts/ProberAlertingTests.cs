using AmoHealth.Tests.Infrastructure;

namespace AmoHealth.Tests.Alerts;

public sealed class ProberAlertingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task AnOutageYieldsExactlyOneDownAlertAndOneRestoredAlert()
    {
        using var database = new TempDatabase();
        await using var simulator = SimulatorHost.With();
        using var control = simulator.CreateAmoClient();
        await using var prober = new ProberHost(new Dictionary<string, string>
        {
            ["AMOCRM_DOMAIN"] = simulator.BaseUri.ToString(),
            ["AMOCRM_ACCESS_TOKEN"] = SimulatorHost.Token,
            ["MATTERMOST_WEBHOOK_URL"] = new Uri(simulator.BaseUri, "/hooks/demo").ToString(),
            ["CHECK_INTERVAL"] = "2000",
            ["TIMEOUT_THRESHOLD"] = "1500",
            ["Monitor:MaxRequestsPerSecond"] = "5",
            ["Alerts:ConfirmAfterSeconds:0"] = "1",
            ["Alerts:ConfirmAfterSeconds:1"] = "2",
            ["Storage:Path"] = database.Path,
        });
        prober.CreateClient();
        await Eventually.TrueAsync(() => simulator.Account.Leads.Count == 1, Wait, "the first cycle");

        using (var fault = await control.PostJsonAsync("/__sim/faults", """{"endpoint":"account","status":503}"""))
        {
            fault.EnsureSuccessStatusCode();
        }

        await Eventually.GetAsync(async () => (await TextsAsync(control)).Any(t => t.StartsWith("🔴", StringComparison.Ordinal)) ? new object() : null,
            Wait, "the down alert");
        // Several more failing cycles: still one alert.
        await Task.Delay(TimeSpan.FromSeconds(5));
        await control.DeleteAsync("/__sim/faults");
        await Eventually.GetAsync(async () => (await TextsAsync(control)).Any(t => t.StartsWith("✅", StringComparison.Ordinal)) ? new object() : null,
            Wait, "the restored alert");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var texts = await TextsAsync(control);
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("🔴 **amoCRM: API (чтение, GET) не работает**", texts[0]);
        Assert.Contains("HTTP: 503", texts[0]);
        Assert.StartsWith("✅ **amoCRM: API (чтение, GET) восстановлен**", texts[1]);
    }

    private static async Task<List<string>> TextsAsync(HttpClient control) =>
        (await (await control.GetAsync("/__sim/mattermost/messages")).JsonAsync()).EnumerateArray()
            .Select(m => m.GetProperty("payload").GetProperty("text").GetString()!)
            .ToList();
}
