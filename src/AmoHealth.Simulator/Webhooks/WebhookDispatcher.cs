using System.Collections.Concurrent;
using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Webhooks;

/// <summary>
/// Sends what amoCRM sends after a lead changes: account webhooks to subscribed destinations (with the
/// documented retries and auto-disable) and Digital Pipeline deliveries for stages with a "send webhook"
/// action (once, no retry, as on amocrm.ru). Receivers get 2 seconds to answer.
/// </summary>
public sealed partial class WebhookDispatcher(
    IHttpClientFactory httpClients,
    AccountState state,
    FaultStore faults,
    DeliveryLog log,
    Latency latency,
    BusyAccount busy,
    IOptions<SimulatorOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDispatcher> logger) : ILeadEvents
{
    public const string HttpClientName = "amocrm-webhooks";
    private static readonly TimeSpan ReceiverTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan InvalidWindow = TimeSpan.FromHours(2);
    private const int DisableAfterInvalid = 100;

    private readonly ConcurrentDictionary<long, Queue<DateTimeOffset>> _invalid = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    /// <summary>Deliveries still running or waiting for a retry (tests wait on them).</summary>
    public IReadOnlyCollection<Task> InFlight => _inFlight.Keys.ToArray();

    public void Added(AccountState.Lead lead) => DispatchAccount("add", lead, null);

    public void Updated(AccountState.Lead before, AccountState.Lead after)
    {
        DispatchAccount("update", after, before);
        if (before.StatusId == after.StatusId)
        {
            return;
        }

        DispatchAccount("status", after, before);
        if (state.DpActions.TryGetValue(after.StatusId, out var url))
        {
            Track(DeliverDigitalPipelineAsync(url, Batched(WebhookBody.ForDigitalPipeline(after, before), "status")));
        }
    }

    private void DispatchAccount(string action, AccountState.Lead lead, AccountState.Lead? before) =>
        Broadcast(action + "_lead", () =>
            Batched(WebhookBody.ForAccount(options.Value.Subdomain, action, lead, before), action));

    /// <summary>The own lead's body, or (busy, <see cref="BusyOptions.OwnLeadAt"/>) a batch with it at that
    /// index.</summary>
    private List<KeyValuePair<string, string>> Batched(List<KeyValuePair<string, string>> own, string action) =>
        busy.Setting is { OwnLeadAt: > 0 } setting
            ? BusyLeads.Around(own, action, setting.OwnLeadAt, setting.MaxCustomFields, time.GetUtcNow()
                .ToUnixTimeSeconds())
            : own;

    /// <summary>Delivers a body to every enabled webhook subscribed to <paramref name="setting"/>; returns how
    /// many.</summary>
    public int Broadcast(string setting, Func<List<KeyValuePair<string, string>>> body)
    {
        var sent = 0;
        foreach (var hook in state.Webhooks.Values.Where(h => !h.Disabled && h.Settings.Contains(setting)))
        {
            Track(DeliverWithRetriesAsync(hook, setting, body()));
            sent++;
        }

        return sent;
    }

    private async Task DeliverWithRetriesAsync(AccountState.Webhook hook, string setting, List<KeyValuePair<string,
        string>> body)
    {
        var stopping = lifetime.ApplicationStopping;
        for (var attempt = 1; attempt <= RetrySchedule.MaxAttempts && !hook.Disabled; attempt++)
        {
            var status = await SendAsync(AmoEndpoint.Webhooks, "webhook", hook.Destination, setting, attempt, body,
                stopping);
            if (status is null || RetrySchedule.IsValid(status.Value))
            {
                return;
            }

            RecordInvalid(hook);
            if (RetrySchedule.After(attempt, status.Value) is not { } wait)
            {
                return;
            }

            await Task.Delay(wait, time, stopping);
        }
    }

    private async Task DeliverDigitalPipelineAsync(string url, List<KeyValuePair<string, string>> body) =>
        await SendAsync(AmoEndpoint.Dp, "dp", url, "status_lead", 1, body, lifetime.ApplicationStopping);

    /// <summary>One POST; the receiver's status, 0 when it did not answer in time, null when a fault suppressed
    /// it.</summary>
    private async Task<int?> SendAsync(
        string endpoint, string kind, string destination, string evt, int attempt, List<KeyValuePair<string,
            string>> body, CancellationToken stopping)
    {
        if (attempt == 1)
        {
            await latency.DelayDeliveryAsync(stopping);
        }

        var active = faults.Take(endpoint);
        var extra = active.Sum(f => f.LatencyMs ?? 0);
        if (extra > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(extra), time, stopping);
        }

        var sentAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (active.Any(f => f.Status is not null || f.Mode is not null))
        {
            // amoCRM's own delivery system is failing: nothing reaches the receiver.
            log.Add(new DeliveryLog.Entry(kind, destination, evt, attempt, sentAt, -1));
            return null;
        }

        var status = 0;
        try
        {
            using var timeout = new CancellationTokenSource(ReceiverTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
            using var request = new HttpRequestMessage(HttpMethod.Post,
                destination) { Content = new FormUrlEncodedContent(body) };
            request.Headers.TryAddWithoutValidation("User-Agent", "amoCRM-Webhooks/3.0");
            request.Headers.TryAddWithoutValidation("X-Amocrm-Requestid", Guid.NewGuid().ToString());
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, linked.Token);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException
            && !stopping.IsCancellationRequested)
        {
            LogDeliveryFailed(logger, kind, ex.GetType().Name);
        }

        log.Add(new DeliveryLog.Entry(kind, destination, evt, attempt, sentAt, status));
        return status;
    }

    /// <summary>More than 100 invalid answers within 2 hours, the latest invalid too: amoCRM disables the
    /// hook.</summary>
    private void RecordInvalid(AccountState.Webhook hook)
    {
        var now = time.GetUtcNow();
        var window = _invalid.GetOrAdd(hook.Id, _ => new Queue<DateTimeOffset>());
        lock (window)
        {
            window.Enqueue(now);
            while (window.Count > 0 && window.Peek() <= now - InvalidWindow)
            {
                window.Dequeue();
            }

            if (window.Count > DisableAfterInvalid && !hook.Disabled)
            {
                hook.Disabled = true;
                LogDisabled(logger, hook.Id);
            }
        }
    }

    private void Track(Task delivery)
    {
        _inFlight[delivery] = 0;
        delivery.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Kind} delivery failed: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} disabled after too many invalid answers")]
    private static partial void LogDisabled(ILogger logger, long webhookId);
}
