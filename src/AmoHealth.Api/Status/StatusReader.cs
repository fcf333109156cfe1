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
            .ThenBy(r => OrderOf(r.CheckType))
            .ThenBy(r => r.CheckType, StringComparer.Ordinal)
            .ToList();
    }

    private static int OrderOf(string checkType)
    {
        var index = CheckType.All.ToList().IndexOf(checkType);
        return index < 0 ? int.MaxValue : index;
    }
}
