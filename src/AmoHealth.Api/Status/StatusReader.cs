using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Api.Status;

/// <summary>Reads the latest result of every account and check, in the dashboard's order.</summary>
public sealed class StatusReader(IDbContextFactory<AmoHealthDbContext> contexts)
{
    public async Task<IReadOnlyList<CheckStatusRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CheckStatuses.AsNoTracking().ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => r.Account, StringComparer.Ordinal)
            .ThenBy(r => CheckType.OrderOf(r.CheckType))
            .ThenBy(r => r.CheckType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Each account's notice from the Prober (a recreated test lead, an unknown stage id) of the last 24 hours.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadNoticesAsync(long now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ProbeStates.AsNoTracking()
            .Where(s => s.Key == ProbeStateRecord.NoticeKey)
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => (r.Account, Notice: ProbeStateRecord.ParseNotice(r.Value)))
            .Where(r => now - r.Notice.At < 86_400_000)
            .ToDictionary(r => r.Account, r => r.Notice.Text, StringComparer.Ordinal);
    }

    /// <summary>When each account's token expires (Unix ms), as the Prober recorded it.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadTokenExpiriesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ProbeStates.AsNoTracking()
            .Where(s => s.Key == ProbeStateRecord.TokenExpiresKey)
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => long.TryParse(r.Value, out _))
            .ToDictionary(r => r.Account, r => long.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}
