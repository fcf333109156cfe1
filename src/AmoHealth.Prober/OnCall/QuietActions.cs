using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Silences and maintenance windows planned by people, in the command's transaction.</summary>
public static class QuietActions
{
    private const string Plan =
        "INSERT INTO maintenance_windows (account, starts_at, ends_at, weekday, start_time, duration_minutes, "
        + "time_zone, reason, created_by, created_at, deleted_at) VALUES (@account, @starts_at, @ends_at, @weekday, "
        + "@start_time, @duration_minutes, @time_zone, @reason, @created_by, @created_at, NULL) RETURNING id";

    private const string Delete =
        "UPDATE maintenance_windows SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL "
        + "RETURNING account, starts_at, ends_at, weekday, start_time, duration_minutes, time_zone";

    /// <summary>From now for the given minutes.</summary>
    public static async Task<OnCallReply> SilenceAsync(StoreSession session, OnCallCommand command, Actor actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        var id = await SilenceRows.StartAsync(session, new SilenceRecord
        {
            Account = command.Account!,
            CheckType = command.CheckType,
            StartsAt = at,
            EndsAt = at + (long)TimeSpan.FromMinutes(command.Minutes!.Value).TotalMilliseconds,
            Reason = command.Reason!.Trim(),
            CreatedBy = actor.Name,
            CreatedAt = at,
            EndOnRecovery = command.EndOnRecovery ?? false,
        }, cancellationToken);
        return new OnCallReply(OnCallReply.Applied, id);
    }

    /// <summary>A one-off or weekly window, weekly ones in the team's zone of today.</summary>
    public static async Task<OnCallReply> MaintenanceAsync(StoreSession session, OnCallCommand command, Actor actor,
        DateTimeOffset now, string timeZone, CancellationToken cancellationToken)
    {
        var weekly = CommandRules.IsWeekly(command);
        await using var insert = session.Command(Plan)
            .With("@account", (object?)command.Account ?? DBNull.Value)
            .With("@starts_at", weekly ? DBNull.Value : (object)command.StartsAt!.Value)
            .With("@ends_at", weekly ? DBNull.Value : (object)command.EndsAt!.Value)
            .With("@weekday", weekly ? (object)command.Weekday!.Value : DBNull.Value)
            .With("@start_time", weekly ? (object)command.StartTime! : DBNull.Value)
            .With("@duration_minutes", weekly ? (object)command.DurationMinutes!.Value : DBNull.Value)
            .With("@time_zone", timeZone)
            .With("@reason", command.Reason!.Trim())
            .With("@created_by", actor.Name)
            .With("@created_at", now.ToUnixTimeMilliseconds());
        var id = await insert.ScalarInt64Async(cancellationToken)
            ?? throw new InvalidOperationException("INSERT INTO maintenance_windows returned no id");
        return new OnCallReply(OnCallReply.Applied, id);
    }

    /// <summary>Deletes the window (kept for the record) and lets go at once the alerts it was holding.</summary>
    public static async Task<OnCallReply> EndMaintenanceAsync(StoreSession session, long id, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        MaintenanceRecord window;
        await using (var delete = session.Command(Delete).With("@now", now.ToUnixTimeMilliseconds()).With("@id", id))
        await using (var reader = await delete.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new OnCallReply(OnCallReply.NotFound, Message: $"No maintenance window #{id}.");
            }

            window = new MaintenanceRecord
            {
                Id = id, Account = reader.GetNullableString(0), StartsAt = reader.GetNullableInt64(1),
                EndsAt = reader.GetNullableInt64(2), Weekday = reader.GetNullableInt32(3),
                StartTime = reader.GetNullableString(4), DurationMinutes = reader.GetNullableInt32(5),
                TimeZone = reader.GetString(6), Reason = string.Empty, CreatedBy = string.Empty,
            };
        }

        if (MaintenanceSchedule.Covering(window, now) is { } covering)
        {
            // Held alerts wait until the occurrence's end: they go now (another window covering them holds them
            // again).
            await using var release = session.Command(
                    "UPDATE notifications SET next_attempt_at = @now WHERE delivered_at IS NULL "
                    + "AND next_attempt_at = @end"
                    + (window.Account is null ? string.Empty : " AND account = @account"))
                .With("@now", now.ToUnixTimeMilliseconds()).With("@end", covering.End.ToUnixTimeMilliseconds());
            if (window.Account is not null)
            {
                release.With("@account", window.Account);
            }

            await release.ExecuteNonQueryAsync(cancellationToken);
        }

        return new OnCallReply(OnCallReply.Applied, id);
    }
}
