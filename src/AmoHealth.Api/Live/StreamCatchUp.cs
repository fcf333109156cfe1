using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Live;

/// <summary>What a reconnecting stream client missed: the results stored after the one it saw last (its
/// <c>Last-Event-ID</c>, a <c>health_checks.id</c>), oldest first, read from the store, so updates Redis pub/sub
/// dropped while the client was away (or while its Api instance died) are not lost.</summary>
public sealed class StreamCatchUp(StoreConnections connections)
{
    /// <summary>More missed results than this and the client gets the snapshot instead (the current status).</summary>
    public const int MaxEvents = 2_000;

    /// <summary>The missed results as stream updates, or null when the id is unknown or the gap too large.</summary>
    public async Task<IReadOnlyList<StatusUpdate>?> AfterAsync(
        long lastEventId, long now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var latest = await LatestIdAsync(connection, cancellationToken) ?? 0;
        if (lastEventId <= 0 || lastEventId > latest)
        {
            // Not an id from this store (another database, or a reset): start over from the snapshot.
            return null;
        }

        await using var command = connection.Command(
                "SELECT id, account, check_type, outcome, response_time, \"timestamp\", error_message, http_status, "
                + "failure_kind FROM health_checks WHERE id > @after ORDER BY id LIMIT @take")
            .With("@after", lastEventId).With("@take", MaxEvents + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var updates = new List<StatusUpdate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var outcome = OutcomeNames.Parse(reader.GetString(3));
            var kind = FailureKindNames.Parse(reader.GetNullableString(8), FailureKindNames.Default(outcome));
            var data = CheckStatusDto.Of(
                reader.GetString(1), reader.GetString(2), outcome, kind, reader.GetNullableInt32(4), reader.GetInt64(5),
                reader.GetNullableString(6), reader.GetNullableInt32(7));
            updates.Add(StatusUpdate.Of(data, now, reader.GetInt64(0)));
        }

        return updates.Count > MaxEvents ? null : updates;
    }

    /// <summary>The newest stored result's id: the cursor a client holds after the snapshot.</summary>
    public async Task<long?> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await LatestIdAsync(connection, cancellationToken);
    }

    private static async Task<long?> LatestIdAsync(
        System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT MAX(id) FROM health_checks");
        return await command.ScalarInt64Async(cancellationToken);
    }
}
