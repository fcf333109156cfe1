namespace AmoHealth.Core.Storage;

/// <summary>Whether the database has every migration applied. The migrate step (AmoHealth.Migrator) applies them; the
/// Prober and the Api wait, asking the database until the answer is yes and then remembering it. Read with a plain
/// command against the ids in <see cref="SchemaMigrations"/>, so a reader needs no EF Core.</summary>
public sealed class SchemaState(StoreConnections connections)
{
    private volatile bool _ready;

    public void MarkReady() => _ready = true;

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return true;
        }

        var applied = await MigrationHistory.AppliedAsync(connections, cancellationToken);
        _ready = applied is not null && SchemaMigrations.For(connections.Provider).All(applied.Contains);
        return _ready;
    }
}
