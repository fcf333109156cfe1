using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Core.Storage;

/// <summary>
/// Whether the database has every migration applied. The Prober applies them; the Api only waits, asking
/// the database until the answer is yes and then remembering it.
/// </summary>
public sealed class SchemaState(IDbContextFactory<AmoHealthDbContext> contexts)
{
    private volatile bool _ready;

    public void MarkReady() => _ready = true;

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return true;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return false;
        }

        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        _ready = !pending.Any();
        return _ready;
    }
}
