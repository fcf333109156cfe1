using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>How the outbox groups one account's down and restored alerts into one message.</summary>
public static class AlertGrouping
{
    /// <summary>Reads the account's checks and applies <see cref="Held"/>.</summary>
    public static async Task<HashSet<NotificationRecord>> HeldAsync(
        StoreSession session, AlertOptions settings, int checkIntervalMs, List<NotificationRecord> sendable,
            long nowMs, CancellationToken cancellationToken)
    {
        if (settings.GroupWindowSeconds == 0)
        {
            return [];
        }

        var accounts = sendable
            .Where(n => NotificationKinds.IsGrouped(n.Kind))
            .Select(n => n.Account)
            .Distinct()
            .ToList();
        List<CheckStatusRecord> checks = accounts.Count == 0 ? [] : await ChecksAsync(session, accounts,
            cancellationToken);
        return Held(settings, TimeSpan.FromMilliseconds(checkIntervalMs), sendable, checks, nowMs);
    }

    /// <summary>The accounts' checks: where each stands and when it last reported.</summary>
    private static async Task<List<CheckStatusRecord>> ChecksAsync(
        StoreSession session,
        List<string> accounts,
        CancellationToken cancellationToken)
    {
        await using var command = session.Command(string.Empty);
        command.CommandText = "SELECT account, check_type, status, state, last_check FROM check_status "
            + "WHERE account IN "
            + command.InList("@account", accounts);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checks = new List<CheckStatusRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checks.Add(new CheckStatusRecord
            {
                Account = reader.GetString(0), CheckType = reader.GetString(1), Status = reader.GetString(2),
                State = CheckStateNames.Parse(reader.GetNullableString(3)), LastCheck = reader.GetInt64(4),
            });
        }

        return checks;
    }

    /// <summary>Down (and restored) alerts of one account wait until the oldest of them is <c>GroupWindowSeconds</c>
    /// old and no other check of the account may still join them: one being confirmed, or one whose result of the cycle
    /// that saw the change has not come in yet (a HOOK or DP verdict comes only at its deadline). They never wait
    /// longer than one interval, so one outage is one message even when the checks fail at different moments.</summary>
    public static HashSet<NotificationRecord> Held(
        AlertOptions settings, TimeSpan interval, IEnumerable<NotificationRecord> sendable,
            IReadOnlyCollection<CheckStatusRecord> checks, long nowMs)
    {
        if (settings.GroupWindowSeconds == 0)
        {
            return [];
        }

        var window = TimeSpan.FromSeconds(settings.GroupWindowSeconds);
        var cap = TimeSpan.FromTicks(Math.Max(window.Ticks, interval.Ticks));
        return sendable.Where(n => NotificationKinds.IsGrouped(n.Kind))
            .GroupBy(n => (n.Account, n.Channel, n.Kind))
            .Where(g =>
            {
                var age = TimeSpan.FromMilliseconds(nowMs - g.Min(n => n.CreatedAt));
                return age < window || (age < cap && AwaitsVerdict(g.ToList(), checks, interval));
            })
            .SelectMany(g => g)
            .ToHashSet();
    }

    /// <summary>Whether another check of the account may still turn the same way as these alerts.</summary>
    private static bool AwaitsVerdict(
        List<NotificationRecord> rows,
        IReadOnlyCollection<CheckStatusRecord> checks,
        TimeSpan interval)
    {
        var down = rows[0].Kind == NotificationKinds.Down;
        var alerted = rows.Select(r => r.CheckType).ToHashSet(StringComparer.Ordinal);
        // When the change began: the outage's first failure, or the end of the incident for a ✅. A check whose
        // newest stored probe started well before that (more than half an interval) has not reported this cycle.
        var began = rows.Min(r => (down ? r.Incident?.StartTime : r.Incident?.EndTime) ?? r.CreatedAt);
        var reportedSince = began - (long)(interval.TotalMilliseconds / 2);
        return checks.Any(c => c.Account == rows[0].Account && !alerted.Contains(c.CheckType) && (down
            ? c.State == CheckState.Suspect || (c.State == CheckState.Up && c.LastCheck < reportedSince)
            : c.State == CheckState.Recovering || (c.State == CheckState.Down && c.LastCheck < reportedSince)));
    }

    public static NotificationRecord Combined(List<NotificationRecord> rows) => new()
    {
        Account = rows[0].Account,
        CheckType = string.Join(",", rows.Select(r => r.CheckType)),
        Channel = rows[0].Channel,
        Kind = rows[0].Kind,
        Text = string.Join("\n\n", rows.Select(r => r.Text)),
        CreatedAt = rows[0].CreatedAt,
    };
}
