using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Api.Queries;

/// <summary>The incident log: open incidents first, then the most recent.</summary>
public sealed class IncidentReader(IDbContextFactory<AmoHealthDbContext> contexts)
{
    public async Task<IReadOnlyList<IncidentDto>> IncidentsAsync(
        int limit, int offset, TimeWindow? window, string? account, string? checkType, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Open incidents first, then the most recent.
        return await IncidentFilter.Overlapping(db, window, account, checkType)
            .OrderBy(i => i.EndTime == null ? 0 : 1)
            .ThenByDescending(i => i.StartTime)
            .ThenByDescending(i => i.Id)
            .Skip(offset)
            .Take(limit)
            .Select(i => new IncidentDto(i.Id, i.Account, i.CheckType, i.Kind, i.StartTime, i.EndTime, i.Duration, i.Details))
            .ToListAsync(cancellationToken);
    }
}
