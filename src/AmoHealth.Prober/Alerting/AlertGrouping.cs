using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Prober.Alerting;

/// <summary>How the outbox groups one account's down and restored alerts into one message.</summary>
public static class AlertGrouping
{
    /// <summary>
    /// Down (and restored) alerts of one account wait until the oldest of them is <c>GroupWindowSeconds</c>
    /// old and no other check of the account is still being confirmed (at most one interval), so one outage
    /// is one message even when the checks fail at different moments of a cycle.
    /// </summary>
    public static async Task<HashSet<NotificationRecord>> HeldAsync(
        AmoHealthDbContext db, AlertOptions settings, int checkIntervalMs, List<NotificationRecord> sendable, long nowMs, CancellationToken cancellationToken)
    {
        if (settings.GroupWindowSeconds == 0)
        {
            return [];
        }

        var groups = sendable.Where(n => NotificationKinds.IsGrouped(n.Kind)).GroupBy(n => (n.Account, n.Channel, n.Kind)).ToList();
        var accounts = groups.Select(g => g.Key.Account).Distinct().ToList();
        var confirming = accounts.Count == 0
            ? []
            : (await db.CheckStatuses.AsNoTracking()
                .Where(s => accounts.Contains(s.Account) && (s.State == CheckState.Suspect || s.State == CheckState.Recovering))
                .Select(s => new { s.Account, s.State })
                .ToListAsync(cancellationToken))
            .Select(s => (s.Account, s.State)).ToHashSet();
        var window = TimeSpan.FromSeconds(settings.GroupWindowSeconds);
        var cap = TimeSpan.FromTicks(Math.Max(window.Ticks, TimeSpan.FromMilliseconds(checkIntervalMs).Ticks));
        return groups
            .Where(g =>
            {
                var age = TimeSpan.FromMilliseconds(nowMs - g.Min(n => n.CreatedAt));
                var state = g.Key.Kind == NotificationKinds.Down ? CheckState.Suspect : CheckState.Recovering;
                return age < window || (confirming.Contains((g.Key.Account, state)) && age < cap);
            })
            .SelectMany(g => g)
            .ToHashSet();
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
