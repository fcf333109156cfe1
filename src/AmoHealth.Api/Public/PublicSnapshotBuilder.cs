using System.Data.Common;
using AmoHealth.Api.OnCall;
using AmoHealth.Api.Queries;
using AmoHealth.Api.Status;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Public;

/// <summary>Reads one page's <see cref="PublicSnapshot"/> from storage: the account's checks and states, uptime by time
/// over 30 and 90 days, the 90 daily bars, the public incidents and the maintenance windows now or in the next 7
/// days. Only what the snapshot allows is copied out of the rows.</summary>
public sealed class PublicSnapshotBuilder(
    StoreConnections connections,
    MaintenanceReader maintenance,
    IOptions<StorageOptions> storage,
    IOptions<TeamOptions> team,
    IOptions<Info.DashboardOptions> dashboard,
    TimeProvider time)
{
    private static readonly TimeSpan MaintenanceAhead = TimeSpan.FromDays(7);

    public async Task<PublicSnapshot> BuildAsync(StatusPageDefinition page, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = PublicFormat.Zone(team.Value.TimeZone);
        var windows = await WindowsAsync(page.Account, now, cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var statuses = await StatusesAsync(connection, page.Account, cancellationToken);
        var incidents = await PublicIncidentReader.ReadAsync(
            connection, page, PublicDayBars.Start(now, zone), cancellationToken);
        var days = await PublicDayBars.ReadAsync(connection, page.Account, zone, now, incidents, cancellationToken);
        var uptime30 = await UptimeAsync(connection, page.Account, now, 30, cancellationToken);
        var uptime90 = await UptimeAsync(connection, page.Account, now, 90, cancellationToken);

        var active = windows.FirstOrDefault(w => w.Active);
        var staleAfter = Freshness.StaleAfter(dashboard.Value);
        var checks = statuses.Select(row =>
        {
            var open = incidents.FirstOrDefault(i => i.CheckType == row.CheckType && i.End is null);
            var state = PublicStates.Of(row, open is null ? null : OpenKind(open), active is not null,
                Freshness.IsStale(row.LastCheck, now, staleAfter));
            return new PublicCheck(
                row.CheckType, state, Since(state, row, open, active, incidents),
                uptime30.GetValueOrDefault(row.CheckType), uptime90.GetValueOrDefault(row.CheckType),
                days.TryGetValue(row.CheckType, out var bars) ? bars : PublicDayBars.Empty(now, zone));
        }).ToList();

        var snapshot = new PublicSnapshot(
            page, now, string.Empty, team.Value.TimeZone, PublicStates.Worst(checks.Select(c => c.State)), checks,
            incidents, windows);
        return snapshot with { Version = PublicSnapshotVersion.Of(snapshot, zone) };
    }

    private static Outcome OpenKind(PublicIncident open) =>
        open.Impact == PublicState.Degraded ? Outcome.Degraded : Outcome.Down;

    /// <summary>Since when the check is in its state, where the record says: the open incident's start, the
    /// maintenance window's, the end of the last incident for an operational check; unknown otherwise.</summary>
    private static DateTimeOffset? Since(PublicState state, CheckStatusRecord row, PublicIncident? open,
        PublicMaintenance? active, IReadOnlyList<PublicIncident> incidents) => state switch
    {
        PublicState.Maintenance => active?.Start,
        PublicState.Down or PublicState.Degraded when open is not null => open.Start,
        PublicState.Down or PublicState.Degraded => row.FailingSince is { } at
            ? DateTimeOffset.FromUnixTimeMilliseconds(at)
            : null,
        PublicState.Operational => incidents.Where(i => i.CheckType == row.CheckType && i.End is not null)
            .Select(i => i.End).Max(),
        _ => null,
    };

    private async Task<IReadOnlyList<PublicMaintenance>> WindowsAsync(
        string account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = (now + MaintenanceAhead).ToUnixTimeMilliseconds();
        return [.. (await maintenance.CurrentAsync(now, cancellationToken))
            .Where(w => (w.Account is null || w.Account == account) && w.Next.StartsAt < until)
            .Select(w => new PublicMaintenance(
                DateTimeOffset.FromUnixTimeMilliseconds(w.Next.StartsAt),
                DateTimeOffset.FromUnixTimeMilliseconds(w.Next.EndsAt), w.Active))
            .Distinct()
            .OrderBy(w => w.Start)];
    }

    private static async Task<List<CheckStatusRecord>> StatusesAsync(
        DbConnection connection, string account, CancellationToken cancellationToken)
    {
        await using var command = connection
            .Command($"SELECT {CheckStatusRecord.Columns} FROM check_status WHERE account = @account")
            .With("@account", account);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CheckStatusRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(CheckStatusRecord.Read(reader));
        }

        return [.. rows.OrderBy(r => CheckType.OrderOf(r.CheckType)).ThenBy(r => r.CheckType, StringComparer.Ordinal)];
    }

    private async Task<Dictionary<string, double?>> UptimeAsync(
        DbConnection connection, string account, DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        var to = now.ToUnixTimeMilliseconds();
        var series = await RollupQuery.SummarizeAsync(connection, now.AddDays(-days).ToUnixTimeMilliseconds(), to,
            account, null, storage.Value.Retention, to, cancellationToken);
        return series.ToDictionary(s => s.CheckType, s => s.Minutes.Uptime, StringComparer.Ordinal);
    }
}
