using System.Data.Common;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Persistence;

/// <summary>Accounts that were watched once and are no longer configured: their open incidents are closed at start with
/// a reason (no alert: nothing recovered) and their rows leave <c>check_status</c>, so they are neither reminded every
/// 30 minutes nor shown as current. Their history stays. With several Probers an account is retired only when no live
/// member is configured with it (each member row lists its accounts), so a Prober started with an older account list
/// never closes another member's incidents.</summary>
public static class RetiredAccounts
{
    public const string Reason = "closed: the account is no longer configured";

    /// <summary>Returns the names of the accounts retired; everything happens in one transaction.</summary>
    public static async Task<IReadOnlyList<string>> RetireAsync(
        StoreConnections connections,
        IReadOnlyCollection<string> configured,
        long now,
        CancellationToken cancellationToken)
    {
        await using var session = await connections.BeginAsync(cancellationToken);
        var members = await MemberAccountsAsync(session, now, cancellationToken);
        var watched = configured.Concat(members).Distinct(StringComparer.Ordinal).ToList();

        var open = new List<(long Id, string Account, long StartTime, string? Details)>();
        await using (var select = Unwatched(session,
            "SELECT id, account, start_time, details FROM incidents WHERE end_time IS NULL", watched))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                open.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetNullableString(3)));
            }
        }

        foreach (var incident in open)
        {
            await using var close = session.Command(
                "UPDATE incidents SET end_time = @now, duration = @duration, details = @details WHERE id = @id")
                .With("@now", now)
                .With("@duration", Math.Max(0, now - incident.StartTime))
                .With("@details", string.IsNullOrEmpty(incident.Details) ? Reason : $"{incident.Details} ({Reason})")
                .With("@id", incident.Id);
            await close.ExecuteNonQueryAsync(cancellationToken);
        }

        var statuses = new List<string>();
        await using (var delete = Unwatched(session, "DELETE FROM check_status WHERE 1 = 1", watched,
            " RETURNING account"))
        await using (var reader = await delete.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                statuses.Add(reader.GetString(0));
            }
        }

        await session.CommitAsync(cancellationToken);
        return open.Select(i => i.Account).Concat(statuses).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The accounts of the live cluster members (each member row lists its accounts, one a line).</summary>
    private static async Task<List<string>> MemberAccountsAsync(StoreSession session, long now,
        CancellationToken cancellationToken)
    {
        var accounts = new List<string>();
        await using var command = session.Command(
                "SELECT accounts FROM leases WHERE substr(name, 1, @length) = @prefix AND expires_at > @now AND "
                    + "accounts IS NOT NULL")
            .With("@length", Cluster.LeaseNames.MemberPrefix.Length)
            .With("@prefix", Cluster.LeaseNames.MemberPrefix)
            .With("@now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.AddRange(reader.GetString(0).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return accounts;
    }

    /// <summary><paramref name="sql"/> narrowed to rows whose account is not in <paramref name="watched"/>.</summary>
    private static DbCommand Unwatched(StoreSession session, string sql, List<string> watched, string tail = "")
    {
        var command = session.Command(string.Empty);
        command.CommandText = watched.Count == 0 ? sql + tail
            : $"{sql} AND account NOT IN {command.InList("@w", watched)}{tail}";
        return command;
    }
}
