using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Stores results the way the Prober's writer does: raw rows, then their rollups.</summary>
public static class Results
{
    public static async Task StoreAsync(AmoHealthDbContext db, IEnumerable<ProbeResult> results)
    {
        var rows = results.Select(HealthCheckRecord.From).ToList();
        db.HealthChecks.AddRange(rows);
        await db.SaveChangesAsync();
        await RollupWriter.AddAsync(await db.SessionAsync(CancellationToken.None), rows, CancellationToken.None);
    }
}
