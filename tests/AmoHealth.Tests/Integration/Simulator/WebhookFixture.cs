using System.Net;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Webhooks;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AmoHealth.Tests.Integration.Simulator;

/// <summary>
/// A simulator on a fake clock with one webhook receiver: what the webhook tests share. Deliveries are
/// observed in flight (<see cref="WebhookDispatcher.InFlight"/>) and parked on the clock, never slept on.
/// </summary>
public abstract class WebhookFixture : IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    protected TimerClock Time { get; } = new(DateTimeOffset.UtcNow);
    protected SimulatorHost Simulator { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;
    protected WebhookReceiver Receiver { get; private set; } = null!;

    protected DeliveryLog Deliveries => Simulator.Services.GetRequiredService<DeliveryLog>();

    protected WebhookDispatcher Dispatcher => Simulator.Services.GetRequiredService<WebhookDispatcher>();

    public async Task InitializeAsync()
    {
        Simulator = SimulatorHost.With(time: Time);
        Client = Simulator.CreateAmoClient();
        Receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        Client.Dispose();
        await Simulator.DisposeAsync();
    }

    protected async Task SubscribeAsync(params string[] settings)
    {
        var list = string.Join(",", settings.Select(s => $"\"{s}\""));
        using var response = await Client.PostJsonAsync("/api/v4/webhooks",
            $$"""{"destination":"{{Receiver.Url}}","settings":[{{list}}]}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    protected async Task PatchAsync(long id, string body)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Patch, $"/api/v4/leads/{id}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>No delivery is left running or waiting for a retry: nothing more can be sent, however late.</summary>
    protected Task GaveUpAsync(string after) =>
        Eventually.TrueAsync(() => Dispatcher.InFlight.Count == 0, Wait, $"the deliveries to end after {after}");

    protected Task ExpectAttemptsAsync(int count) =>
        Eventually.TrueAsync(() => Receiver.Requests.Count == count && Deliveries.All.Count == count, Wait,
            $"{count} delivery attempts");
}
