using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Taking a burn alert (<c>slo_alerts</c>), in the command's transaction: only an open one nobody has taken;
/// of two at once, one wins and the other hears who. Its ✅ then names who took it.</summary>
public static class BurnActions
{
    private const string Take =
        "UPDATE slo_alerts SET acknowledged_by = @by, acknowledged_at = @at "
        + "WHERE id = @id AND closed_at IS NULL AND acknowledged_by IS NULL";

    public static async Task<OnCallReply> AcknowledgeAsync(StoreSession session, OnCallCommand command, Actor actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = command.Id!.Value;
        int taken;
        await using (var update = session.Command(Take)
            .With("@by", actor.Name).With("@at", now.ToUnixTimeMilliseconds()).With("@id", id))
        {
            taken = await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = session.Command("SELECT closed_at, acknowledged_by FROM slo_alerts WHERE id = @id")
            .With("@id", id);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new OnCallReply(OnCallReply.NotFound, Message: $"No burn alert #{id}.");
        }

        if (taken == 0)
        {
            return !reader.IsDBNull(0)
                ? new OnCallReply(OnCallReply.Conflict, id, $"Burn alert #{id} is closed.")
                : new OnCallReply(OnCallReply.Conflict, id,
                    $"Burn alert #{id} is already acknowledged by {reader.GetNullableString(1)}.");
        }

        return new OnCallReply(OnCallReply.Applied, id);
    }
}
