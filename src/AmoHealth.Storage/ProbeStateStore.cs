using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>
/// Per-account values the Prober keeps in the database (<c>probe_state</c>): the test lead, the token's expiry,
/// notices. With a <see cref="IStateFence"/>, <see cref="SetOwnedAsync"/> writes only under the account's lease.
/// </summary>
public sealed class ProbeStateStore(IDbContextFactory<AmoHealthDbContext> contexts, IStateFence? fence = null)
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
        await UpsertAsync(db, account, key, value, cancellationToken);
    }

    /// <summary>The fence under which the account is held now (0 without leases), or null when it is not.</summary>
    public long? FenceOf(string account) => fence is null ? 0 : fence.FenceOf(account);

    /// <summary>Writes only while this process holds the account's lease under the fence it holds now; false when it does not.</summary>
    public async Task<bool> SetOwnedAsync(string account, string key, string value, CancellationToken cancellationToken)
    {
        if (fence is null)
        {
            await SetAsync(account, key, value, cancellationToken);
            return true;
        }

        if (fence.FenceOf(account) is not { } held)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await fence.HoldsAsync(db, account, held, cancellationToken))
        {
            return false;
        }

        await UpsertAsync(db, account, key, value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task UpsertAsync(AmoHealthDbContext db, string account, string key, string value, CancellationToken cancellationToken)
    {
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
