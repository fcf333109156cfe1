using System.Collections.Concurrent;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using AmoHealth.Prober.Probes.Hooks;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// HOOK, end to end (default when <c>PUBLIC_URL</c> is set): our receiver is subscribed to <c>update_lead</c>;
/// each cycle renames the test lead with a unique marker and times the webhook carrying it. A hook that
/// amoCRM disabled is reported and subscribed again. Mode <c>api</c> is the seed's <c>GET /api/v4/webhooks</c>.
/// </summary>
public sealed class HookProbe(
    ProbeClient client,
    TestLeads leads,
    EndToEnd endToEnd,
    IOptions<MonitorOptions> options) : IProbe
{
    private readonly ConcurrentDictionary<string, bool> _subscribed = new(StringComparer.Ordinal);

    public string CheckType => Core.Checks.CheckType.Hook;

    public async Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        if (account.Settings.HookMode == HookMode.Api)
        {
            return await client.SendAsync(account, CheckType, ProbeClient.Request.Api(account, HttpMethod.Get,
                "/api/v4/webhooks"),
                response => AnswerClassifier.Judge.Status(response, 200, 204), cancellationToken);
        }

        if (await endToEnd.NotReadyAsync(account, CheckType, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        if (!_subscribed.ContainsKey(account.Name) && await SubscribeAsync(account, cancellationToken) is { } failed)
        {
            return failed;
        }

        return await leads.WriteAsync(account, CheckType, id =>
        {
            var name = ProbeMarker.NewName(out var marker);
            var write = ProbeClient.Request.Api(account, HttpMethod.Patch, $"/api/v4/leads/{id}",
                AmoBody.Name(name));
            return endToEnd.MeasureAsync(
                account,
                CheckType,
                d => d.Kind == Delivery.AccountWebhook && d.Account == account.Name
                    && d.Leads.Any(l => l.Event == LeadEvent.Update && l.Id == id && l.Marker == marker),
                write,
                ct => ExplainAsync(account, ct),
                cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Subscribes the receiver for <c>update_lead</c> unless an enabled subscription exists; null on
    /// success.</summary>
    private async Task<ProbeResult?> SubscribeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var (found, disabled, listing) = await FindAsync(account, cancellationToken);
        if (listing.Outcome.IsSuccess() is false)
        {
            return listing with { ErrorMessage = $"Could not read the account's webhooks: {listing.ErrorMessage}" };
        }

        if (!found || disabled)
        {
            var body = AmoBody.Subscription(options.Value.ReceiverUrl(account.Name), "update_lead");
            var subscribed = await client.SendAsync(account, CheckType,
                ProbeClient.Request.Api(account, HttpMethod.Post, "/api/v4/webhooks", body),
                response => AnswerClassifier.Judge.Status(response, 200, 201), cancellationToken);
            if (subscribed.Outcome.IsSuccess() is false)
            {
                return subscribed with
                {
                    ErrorMessage = $"Could not subscribe the receiver: {subscribed.ErrorMessage}",
                };
            }
        }

        await RemovePreviousAsync(account, cancellationToken);
        _subscribed[account.Name] = true;
        return null;
    }

    /// <summary>
    /// While the secret is rotated, the subscription to the old receiver URL goes: amoCRM would otherwise deliver
    /// every update twice, and once the old secret is dropped count each 404 against it. Best effort: the old URL
    /// is still answered meanwhile, and HOOK only ever looks at its own destination.
    /// </summary>
    private async Task RemovePreviousAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        if (options.Value.PreviousReceiverUrl(account.Name) is not { } previous)
        {
            return;
        }

        var body = AmoBody.Unsubscription(previous);
        await client.SendAsync(account, CheckType,
            ProbeClient.Request.Api(account, HttpMethod.Delete, "/api/v4/webhooks", body),
            response => AnswerClassifier.Judge.Status(response, 204, 404), cancellationToken);
    }

    /// <summary>Why nothing arrived, when amoCRM can tell: our hook was disabled or removed.</summary>
    private async Task<string?> ExplainAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var (found, disabled, listing) = await FindAsync(account, cancellationToken);
        if (listing.Outcome.IsSuccess() is false)
        {
            return null;
        }

        if (!found || disabled)
        {
            _subscribed.TryRemove(account.Name, out _);
            return disabled
                ? "amoCRM disabled our webhook after failed deliveries; it is subscribed again next cycle"
                : "our webhook subscription is gone; it is subscribed again next cycle";
        }

        return null;
    }

    private async Task<(bool Found, bool Disabled, ProbeResult Listing)> FindAsync(AmoAccount account,
        CancellationToken cancellationToken)
    {
        var destination = options.Value.ReceiverUrl(account.Name);
        bool found = false, disabled = false;
        var listing = await client.SendAsync(account, CheckType,
            ProbeClient.Request.Api(account, HttpMethod.Get,
                $"/api/v4/webhooks?filter[destination]={Uri.EscapeDataString(destination)}"),
            response =>
            {
                if (response.Status == 204)
                {
                    return null;
                }

                if (AnswerClassifier.Judge.Status(response, 200) is { } wrong)
                {
                    return wrong;
                }

                try
                {
                    using var document = JsonDocument.Parse(response.Body);
                    foreach (var hook in document.RootElement.GetProperty("_embedded").GetProperty(
                        "webhooks").EnumerateArray())
                    {
                        if (hook.GetProperty("destination").GetString() == destination)
                        {
                            found = true;
                            disabled = hook.TryGetProperty("disabled", out var d) && d.ValueKind == JsonValueKind.True;
                        }
                    }

                    return null;
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    return "HTTP 200 but the webhook list is not in amoCRM's format";
                }
            },
            cancellationToken);
        return (found, disabled, listing);
    }
}
