using System.Collections.Concurrent;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probing;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// POST: the write path without junk. amoCRM cannot delete leads, so the probe creates one test lead once
/// (or uses <see cref="MonitorOptions.TestLeadId"/>) and from then on updates it with
/// <c>PATCH /api/v4/leads/{id}</c>; up on 200.
/// </summary>
public sealed class PostProbe(ProbeClient client, IOptions<MonitorOptions> options, TimeProvider time) : IProbe
{
    internal const string LeadName = "AmoHealth probe";

    private readonly ConcurrentDictionary<string, long> _testLeads = new(StringComparer.Ordinal);

    public string CheckType => Core.Checks.CheckType.Post;

    public Task<ProbeResult> ProbeAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var leadId = options.Value.TestLeadId ?? (_testLeads.TryGetValue(account.Name, out var known) ? known : (long?)null);
        return leadId is { } id ? UpdateAsync(account, id, cancellationToken) : CreateAsync(account, cancellationToken);
    }

    private Task<ProbeResult> UpdateAsync(AmoAccount account, long leadId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = $"{LeadName} {time.GetUtcNow():yyyy-MM-dd HH:mm:ss}",
        });
        var request = AmoRequest.Create(account, HttpMethod.Patch, $"/api/v4/leads/{leadId}", body);
        return client.SendAsync(account, CheckType, request, response => Judge.JsonWithProperty(response, "id"), cancellationToken);
    }

    private async Task<ProbeResult> CreateAsync(AmoAccount account, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new[] { new Dictionary<string, object> { ["name"] = LeadName } });
        var request = AmoRequest.Create(account, HttpMethod.Post, "/api/v4/leads", body);
        long? created = null;
        var result = await client.SendAsync(account, CheckType, request, response =>
        {
            created = ReadCreatedId(response);
            return created is null ? Judge.Status(response, 200) ?? "HTTP 200 but no lead id in _embedded.leads" : null;
        }, cancellationToken);

        if (created is { } id)
        {
            _testLeads[account.Name] = id;
        }

        return result;
    }

    private static long? ReadCreatedId(ProbeResponse response)
    {
        if (response.Status != 200)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.TryGetProperty("_embedded", out var embedded)
                   && embedded.TryGetProperty("leads", out var leads)
                   && leads.ValueKind == JsonValueKind.Array
                   && leads.GetArrayLength() > 0
                   && leads[0].TryGetProperty("id", out var id)
                   && id.TryGetInt64(out var value)
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
