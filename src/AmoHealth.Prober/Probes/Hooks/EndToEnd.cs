using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// Times a webhook end to end: wait for the delivery (registered first, since amoCRM may deliver before
/// the write's response), write, then wait until the deadline. The result is the time from the start of
/// the write to the delivery's arrival; a failed write is a failed check.
/// </summary>
public sealed class EndToEnd(
    ProbeClient client,
    DeliveryWaiters waiters,
    IOptions<MonitorOptions> options,
    TimeProvider time,
    IHttpClientFactory httpClients)
{
    private static readonly TimeSpan ReceiverRetry = TimeSpan.FromSeconds(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _receiverSeen =
        new(StringComparer.Ordinal);

    /// <param name="explainMissing">Asked when nothing arrived in time: a reason to add, or null.</param>
    public async Task<ProbeResult> MeasureAsync(
        AmoAccount account,
        string checkType,
        Func<Delivery, bool> match,
        ProbeClient.Request write,
        Func<CancellationToken, Task<string?>> explainMissing,
        CancellationToken cancellationToken)
    {
        using var waiter = waiters.Register(account.Name, match);
        var written = await client.SendAsync(account, checkType, write,
            r => AnswerClassifier.Judge.JsonWithProperty(r, "id"), cancellationToken);
        if (written.Outcome.IsSuccess() is false)
        {
            return written with { ErrorMessage = $"The write that should trigger the webhook failed: "
                + $"{written.ErrorMessage}" };
        }

        // The clock starts when the write was sent, not when it began waiting for the request budget; a delivery
        // from before then is not this write's.
        var startedAt = written.Timestamp;
        waiter.CountFrom(startedAt);
        var settings = account.Settings;
        var deadline = settings.DeliveryDeadline;
        // What is left of the deadline, on the monotonic clock: the write's own response time is already spent.
        var left = deadline - TimeSpan.FromMilliseconds(written.ResponseTimeMs ?? 0);
        try
        {
            var arrivedAt = await waiter.Arrived.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, time,
                cancellationToken);
            var latency = (int)Math.Max(0, arrivedAt - startedAt);
            var threshold = settings.DegradedThresholdMs(checkType);
            return latency > threshold
                ? new ProbeResult(account.Name, checkType, Outcome.Degraded, latency, startedAt, written.HttpStatus,
                    $"Delivered after {latency} ms, slower than the {threshold} ms threshold", written.Phases)
                : new ProbeResult(account.Name, checkType, Outcome.Up, latency, startedAt, written.HttpStatus, null,
                    written.Phases);
        }
        catch (TimeoutException)
        {
            // Our own receiver being unreachable is the monitor's fault, not amoCRM's: say so first.
            var own = await ReceiverProblemAsync(account, cancellationToken);
            var reason = own ?? await explainMissing(cancellationToken);
            return new ProbeResult(account.Name, checkType, Outcome.Down, settings.DeliveryDeadlineMs, startedAt,
                written.HttpStatus,
                $"No webhook delivery within {settings.DeliveryDeadlineMs} ms"
                    + (reason is null ? string.Empty : $": {reason}"),
                written.Phases)
            {
                Kind = own is not null ? FailureKind.ReceiverUnreachable : FailureKind.NoDelivery,
            };
        }
    }

    /// <summary>
    /// Until our own receiver has answered once, a missing delivery would say nothing about amoCRM (at start the
    /// Gateway may not be up yet): an own-fault result to report instead of probing, with nothing written to
    /// amoCRM; null once the receiver has answered.
    /// </summary>
    public async Task<ProbeResult?> NotReadyAsync(AmoAccount account, string checkType,
        CancellationToken cancellationToken)
    {
        if (_receiverSeen.ContainsKey(account.Name))
        {
            return null;
        }

        // At start the Gateway is often a few seconds behind the Prober: wait for it, up to the delivery
        // deadline (the time this check may take anyway), rather than report a cycle of our own fault.
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var patience = account.Settings.DeliveryDeadline;
        while (await ReceiverProblemAsync(account, cancellationToken) is { } problem)
        {
            if (time.GetElapsedTime(started) + ReceiverRetry > patience)
            {
                return new ProbeResult(account.Name, checkType, Outcome.Down, null, startedAt.ToUnixTimeMilliseconds(),
                    null,
                    $"Not probing yet: {problem}") { Kind = FailureKind.ReceiverUnreachable };
            }

            await Task.Delay(ReceiverRetry, time, cancellationToken);
        }

        _receiverSeen[account.Name] = true;
        return null;
    }

    /// <summary>
    /// Whether amoCRM could reach us at all: any answer from the Prober through <c>PUBLIC_URL</c> (405 for a
    /// GET on the receiver) means yes; no connection or a gateway error means no.
    /// </summary>
    private async Task<string?> ReceiverProblemAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var url = options.Value.ReceiverUrl(account.Name);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var client = httpClients.CreateClient(ProbeClient.HttpClientName);
            using var response = await client.GetAsync(url, timeout.Token);
            return (int)response.StatusCode is 502 or 503 or 504
                ? $"AmoHealth's own webhook receiver is not reachable through PUBLIC_URL (HTTP "
                    + $"{(int)response.StatusCode})"
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return "AmoHealth's own webhook receiver is not reachable through PUBLIC_URL";
        }
    }
}
