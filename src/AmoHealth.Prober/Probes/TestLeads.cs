using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Client;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes;

/// <summary>
/// The one test lead per account that the write checks use. amoCRM cannot delete leads, so it is created
/// once, its id stored in SQLite before it is used, and reused after restarts. The world drifts under it:
/// someone deletes, merges or closes the lead, or the demo's simulator starts empty while the database
/// remembers the old id. So the lead is verified on first use, a write that fails as "no such lead" is
/// confirmed with one GET and the lead recreated (one ℹ️ notice, no incident), and a closed lead reopened.
/// </summary>
public sealed partial class TestLeads(
    ProbeClient client,
    ProbeStateStore state,
    Alerting.Notices notices,
    TimeProvider time,
    ILogger<TestLeads> logger)
{
    public const string LeadName = "AmoHealth probe";

    private readonly LeadCache _known = new(state);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="write"/> against the account's test lead. When it fails in a way that can mean
    /// the lead is gone (HTTP 400, 404 or 204), one GET confirms it; a gone lead is replaced and the write runs
    /// once more on the new one, so the check reports the write path, not our missing fixture.
    /// </summary>
    /// <param name="slot">0: the account's test lead; 1: the DP check's second lead, used in turn with the
    /// first.</param>
    public async Task<ProbeResult> WriteAsync(
        AmoAccount account,
        string checkType,
        Func<long, Task<ProbeResult>> write,
        CancellationToken cancellationToken,
        int slot = 0)
    {
        var lead = new Slot(account, slot);
        var (leadId, failure) = await GetAsync(lead, checkType, cancellationToken);
        if (leadId is not { } id)
        {
            return failure!;
        }

        var result = await write(id);
        if (result.Outcome.IsSuccess() || result.HttpStatus is not (400 or 404 or 204))
        {
            return result;
        }

        return await RepairAsync(lead, checkType, id, cancellationToken) is { } replacement
            ? await write(replacement)
            : result;
    }

    /// <summary>The account's test lead, verified once per process; creates one when there is none.</summary>
    private async Task<(long? LeadId, ProbeResult? Failure)> GetAsync(Slot lead, string checkType,
        CancellationToken cancellationToken)
    {
        var account = lead.Account;
        if (_known.TryGet(lead.Account.Name, lead.Key, out var known))
        {
            return (known, null);
        }

        var gate = _locks.GetOrAdd(lead.Key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_known.TryGet(lead.Account.Name, lead.Key, out known))
            {
                return (known, null);
            }

            if (await LoadAsync(lead, cancellationToken) is { } stored)
            {
                // First use in this process: the lead may have gone while we were not looking.
                var (gone, closed, pipeline) = await InspectAsync(account, checkType, stored, cancellationToken);
                if (!gone)
                {
                    if (closed)
                    {
                        await ReopenAsync(account, checkType, stored, pipeline, cancellationToken);
                    }

                    _known.Set(account.Name, lead.Key, stored);
                    return (stored, null);
                }

                return await ReplaceAsync(lead, checkType, stored, cancellationToken);
            }

            return await ReplaceAsync(lead, checkType, null, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates a lead (also the POST check's <c>create</c> mode) and reads its id from the answer.</summary>
    public async Task<(long? LeadId, ProbeResult Result)> CreateAsync(AmoAccount account, string checkType,
        CancellationToken cancellationToken)
    {
        var body = AmoBody.NewLead(LeadName);
        long? created = null;
        var result = await client.SendAsync(account, checkType, ProbeClient.Request.Api(account, HttpMethod.Post,
            "/api/v4/leads", body), response =>
        {
            created = ReadCreatedId(response);
            return created is null
                ? AnswerClassifier.Judge.Status(response, 200) ?? "HTTP 200 but no lead id in _embedded.leads"
                : null;
        }, cancellationToken);
        return (created, result);
    }

    private async Task<(long? LeadId, ProbeResult? Failure)> ReplaceAsync(
        Slot lead, string checkType, long? goneId, CancellationToken cancellationToken)
    {
        var account = lead.Account;
        var (created, result) = await CreateAsync(account, checkType, cancellationToken);
        if (created is not { } id)
        {
            return (null, result with { ErrorMessage = $"Could not create the test lead: {result.ErrorMessage}" });
        }

        await SaveAsync(lead, id, cancellationToken);
        _known.Set(account.Name, lead.Key, id);
        if (goneId is { } old)
        {
            LogReplaced(logger, account.Name, old, id);
            var settings = account.Settings;
            var notice = string.Create(CultureInfo.InvariantCulture,
                $"The test lead {old} no longer exists in amoCRM (deleted or merged); AmoHealth created test lead "
                    + $"{id} at {time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC.");
            await state.SetOwnedAsync(account.Name, ProbeStateKeys.Notice, new StateNotice(time.GetUtcNow(), notice),
                cancellationToken);
            await notices.TestLeadReplacedAsync(account.Name, old, id, lead.Index == 0 && settings.TestLeadId == old,
                cancellationToken);
        }
        else
        {
            LogCreated(logger, account.Name, id);
        }

        return (id, null);
    }

    private async Task<long?> LoadAsync(Slot lead, CancellationToken cancellationToken)
    {
        var account = lead.Account;
        var stored = await state.GetValueAsync(account.Name, lead.StateKey, cancellationToken);
        var configured = lead.Index == 0 ? account.Settings.TestLeadId : null;
        if (configured is null)
        {
            return stored;
        }

        // A configured lead that was gone is replaced too; the replacement holds while the setting names the gone one.
        var replaced = await state.GetValueAsync(account.Name, ProbeStateKeys.ConfiguredLead, cancellationToken);
        return replaced == configured && stored is not null ? stored : configured;
    }

    private async Task SaveAsync(Slot lead, long id, CancellationToken cancellationToken)
    {
        var account = lead.Account;
        if (lead.Index == 0 && account.Settings.TestLeadId is { } configured)
        {
            await state.SetOwnedAsync(account.Name, ProbeStateKeys.ConfiguredLead, configured, cancellationToken);
        }

        await state.SetOwnedAsync(account.Name, lead.StateKey, id, cancellationToken);
    }

    /// <summary>One test lead of an account: slot 0 is the shared one, slot 1 the DP check's second.</summary>
    private readonly record struct Slot(AmoAccount Account, int Index)
    {
        public string Key => Index == 0 ? Account.Name : $"{Account.Name}\n{Index}";

        public ProbeStateKey<long> StateKey => ProbeStateKeys.TestLeadAt(Index);
    }

    private static long? ReadCreatedId(ProbeClient.Response response)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Created test lead {LeadId} for {Account}")]
    private static partial void LogCreated(ILogger logger, string account, long leadId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Test lead {OldLeadId} of {Account} no longer exists in amoCRM; created test lead {LeadId} instead")]
    private static partial void LogReplaced(ILogger logger, string account, long oldLeadId, long leadId);
}
