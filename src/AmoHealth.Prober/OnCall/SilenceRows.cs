using System.Globalization;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Starting and ending silences (<c>silences</c>) with their timeline entries on the open incidents in
/// scope, in the caller's transaction: by hand (commands) or by recovery (the tracker).</summary>
public static class SilenceRows
{
    /// <summary>Who ends a silence when the last open incident in its scope closes.</summary>
    public const string Recovery = "recovery";

    private const string Insert =
        "INSERT INTO silences (account, check_type, starts_at, ends_at, reason, created_by, created_at, ended_at, "
        + "ended_by, end_on_recovery) VALUES (@account, @check_type, @starts_at, @ends_at, @reason, @created_by, "
        + "@created_at, NULL, NULL, @end_on_recovery) RETURNING id";

    private const string End =
        "UPDATE silences SET ended_at = @now, ended_by = @by WHERE id = @id AND ended_at IS NULL AND ends_at > @now "
        + "RETURNING account, check_type";

    /// <summary>Stores the silence and writes <c>silenced</c> on the open incidents it covers; returns its
    /// id.</summary>
    public static async Task<long> StartAsync(StoreSession session, SilenceRecord silence,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(Insert)
            .With("@account", silence.Account)
            .With("@check_type", (object?)silence.CheckType ?? DBNull.Value)
            .With("@starts_at", silence.StartsAt)
            .With("@ends_at", silence.EndsAt)
            .With("@reason", silence.Reason)
            .With("@created_by", silence.CreatedBy)
            .With("@created_at", silence.CreatedAt)
            .With("@end_on_recovery", silence.EndOnRecovery);
        var id = await command.ScalarInt64Async(cancellationToken)
            ?? throw new InvalidOperationException("INSERT INTO silences returned no id");
        var until = DateTimeOffset.FromUnixTimeMilliseconds(silence.EndsAt)
            .ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(silence.CreatedAt);
        foreach (var incident in await IncidentRows.OpenInScopeAsync(session, silence.Account, silence.CheckType,
            cancellationToken))
        {
            await IncidentTimeline.AddAsync(session, incident, TimelineKind.Silenced, at, silence.CreatedBy,
                $"#{id} until {until}: {silence.Reason}", cancellationToken);
        }

        return id;
    }

    /// <summary>Ends silence <paramref name="id"/> if it has not ended, writing <c>unsilenced</c> on the open incidents
    /// it covered and on <paramref name="alsoOn"/>; false when there was nothing to end.</summary>
    public static async Task<bool> EndAsync(StoreSession session, long id, string by, DateTimeOffset now,
        CancellationToken cancellationToken, params long[] alsoOn)
    {
        string account;
        string? checkType;
        await using (var command = session.Command(End)
            .With("@now", now.ToUnixTimeMilliseconds()).With("@by", by).With("@id", id))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            (account, checkType) = (reader.GetString(0), reader.GetNullableString(1));
        }

        var incidents = await IncidentRows.OpenInScopeAsync(session, account, checkType, cancellationToken);
        foreach (var incident in incidents.Union(alsoOn))
        {
            await IncidentTimeline.AddAsync(session, incident, TimelineKind.Unsilenced, now,
                by == Recovery ? null : by, by == Recovery ? $"#{id} ended by recovery" : $"#{id} ended",
                cancellationToken);
        }

        return true;
    }

    /// <summary>The active silences ending on recovery that cover a check of an account (its own, or the whole
    /// account's) and have no open incident left in their scope.</summary>
    public static async Task<List<long>> RecoveredAsync(StoreSession session, string account, string checkType,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = new List<(long Id, string? CheckType)>();
        await using (var command = session.Command(
                "SELECT id, check_type FROM silences WHERE account = @account AND end_on_recovery = @yes "
                + "AND ended_at IS NULL AND starts_at <= @now AND ends_at > @now "
                + "AND (check_type IS NULL OR check_type = @check_type) ORDER BY id")
            .With("@account", account).With("@yes", true).With("@now", now.ToUnixTimeMilliseconds())
            .With("@check_type", checkType))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetInt64(0), reader.GetNullableString(1)));
            }
        }

        var recovered = new List<long>();
        foreach (var (id, scope) in found)
        {
            if ((await IncidentRows.OpenInScopeAsync(session, account, scope, cancellationToken)).Count == 0)
            {
                recovered.Add(id);
            }
        }

        return recovered;
    }
}
