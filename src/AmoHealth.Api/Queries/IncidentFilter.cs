using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Api.Queries;

/// <summary>The incidents a query asks about: those overlapping the window (open ones included), for an account and check.</summary>
public static class IncidentFilter
{
    public static IQueryable<IncidentRecord> Overlapping(AmoHealthDbContext db, TimeWindow? window, string? account, string? checkType)
    {
        var query = db.Incidents.AsNoTracking();
        if (window is { } w)
        {
            // Every incident that overlaps the window, open ones included.
            query = query.Where(i => i.StartTime < w.To && (i.EndTime == null || i.EndTime >= w.From));
        }

        if (account is not null)
        {
            query = query.Where(i => i.Account == account);
        }

        return checkType is null ? query : query.Where(i => i.CheckType == checkType);
    }
}
