using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probing;
using AmoHealth.Prober.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// The one test lead per account that the write checks use. amoCRM cannot delete leads, so it is created
/// once, its id stored in SQLite before it is used, and reused after restarts.
/// </summary>
public sealed class TestLeads(
    ProbeClient client,
    ProbeStateStore state,
    IOptions<MonitorOptions> options)
{
    public const string LeadName = "AmoHealth probe";

    private readonly ConcurrentDictionary<string, long> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>
    /// The account's test lead; when it has to be created, <paramref name="checkType"/>'s result is the
    /// creating request (a write, so a real result of the write path), else null.
    /// </summary>
    public async Task<(long? LeadId, ProbeResult? Creation)> GetOrCreateAsync(
        AmoAccount account, string checkType, CancellationToken cancellationToken)
    {
        if (account.SettingsOr(options.Value).TestLeadId is { } configured)
        {
            return (configured, null);
        }

        if (_known.TryGetValue(account.Name, out var known))
        {
            return (known, null);
        }

        var gate = _locks.GetOrAdd(account.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_known.TryGetValue(account.Name, out known))
            {
                return (known, null);
            }

            if (await LoadAsync(account.Name, cancellationToken) is { } stored)
            {
                _known[account.Name] = stored;
                return (stored, null);
            }

            var (created, result) = await CreateAsync(account, checkType, cancellationToken);
            if (created is { } id)
            {
                await SaveAsync(account.Name, id, cancellationToken);
                _known[account.Name] = id;
            }

            return (created, result);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates a lead (also the POST check's <c>create</c> mode) and reads its id from the answer.</summary>
    public async Task<(long? LeadId, ProbeResult Result)> CreateAsync(AmoAccount account, string checkType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new[] { new Dictionary<string, object> { ["name"] = LeadName } });
        long? created = null;
        var result = await client.SendAsync(account, checkType, AmoRequest.Create(account, HttpMethod.Post, "/api/v4/leads", body), response =>
        {
            created = ReadCreatedId(response);
            return created is null ? Judge.Status(response, 200) ?? "HTTP 200 but no lead id in _embedded.leads" : null;
        }, cancellationToken);
        return (created, result);
    }

    private async Task<long?> LoadAsync(string account, CancellationToken cancellationToken) =>
        long.TryParse(await state.GetAsync(account, ProbeStateRecord.TestLeadKey, cancellationToken), NumberStyles.None,
            CultureInfo.InvariantCulture, out var id) ? id : null;

    private Task SaveAsync(string account, long id, CancellationToken cancellationToken) =>
        state.SetAsync(account, ProbeStateRecord.TestLeadKey, id.ToString(CultureInfo.InvariantCulture), cancellationToken);

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
