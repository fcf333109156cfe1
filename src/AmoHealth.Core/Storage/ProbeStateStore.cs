using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>Per-account values the Prober keeps in SQLite (<c>probe_state</c>): the test lead, the token's expiry.</summary>
public sealed class ProbeStateStore(IDbContextFactory<AmoHealthDbContext> contexts)
{
    public async Task<string?> GetAsync(string account, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ProbeStates.AsNoTracking().SingleOrDefaultAsync(s => s.Account == account && s.Key == key, cancellationToken);
        return row?.Value;
    }

    public async Task SetAsync(string account, string key, string value, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ProbeStates.SingleOrDefaultAsync(s => s.Account == account && s.Key == key, cancellationToken);
        if (row is null)
        {
            db.ProbeStates.Add(new ProbeStateRecord { Account = account, Key = key, Value = value });
        }
        else
        {
            row.Value = value;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
