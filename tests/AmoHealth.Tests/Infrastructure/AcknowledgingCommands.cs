using System.Collections.Concurrent;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>The command applier's acknowledgement as the contract states it: one conditional UPDATE, so a second
/// click on a taken or closed incident is a conflict. Every command it receives is recorded.</summary>
public sealed class AcknowledgingCommands(StoreConnections connections, TimeProvider time) : IOnCallCommands
{
    public ConcurrentQueue<(OnCallCommand Command, Actor Actor)> Received { get; } = new();

    public async Task<OnCallReply> ApplyAsync(
        OnCallCommand command, Actor actor, CancellationToken cancellationToken)
    {
        Received.Enqueue((command, actor));
        if (command.Kind != OnCallCommandKinds.Acknowledge || command.Id is not { } id)
        {
            return new OnCallReply(OnCallReply.Invalid);
        }

        await using var session = await connections.BeginAsync(cancellationToken);
        await using var update = session.Command("UPDATE incidents SET acknowledged_by = @by, acknowledged_at = @at "
                + "WHERE id = @id AND end_time IS NULL AND acknowledged_by IS NULL")
            .With("@by", actor.Name).With("@at", time.GetUtcNow().ToUnixTimeMilliseconds()).With("@id", id);
        var changed = await update.ExecuteNonQueryAsync(cancellationToken);
        await session.CommitAsync(cancellationToken);
        return changed == 1
            ? new OnCallReply(OnCallReply.Applied, id)
            : new OnCallReply(OnCallReply.Conflict, id, "taken or closed");
    }
}
