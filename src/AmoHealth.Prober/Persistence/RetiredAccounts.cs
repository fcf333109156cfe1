using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Prober.Persistence;

/// <summary>
/// Accounts that were watched once and are no longer configured: their open incidents are closed at start
/// with a reason (no alert: nothing recovered) and their rows leave <c>check_status</c>, so they are neither
/// reminded every 30 minutes nor shown as current. Their history stays. With several Probers an account is
/// retired only when no live member is configured with it (each member row lists its accounts), so a Prober
/// started with an older account list never closes another member's incidents.
/// </summary>
public static class RetiredAccounts
{
    public const string Reason = "closed: the account is no longer configured";

    /// <summary>Returns the names of the accounts retired.</summary>
    public static async Task<IReadOnlyList<string>> RetireAsync(
        AmoHealthDbContext db, IReadOnlyCollection<string> configured, long now, CancellationToken cancellationToken)
    {
        var members = await db.Leases.AsNoTracking()
            .Where(l => l.Name.StartsWith(Cluster.LeaseNames.MemberPrefix) && l.ExpiresAt > now && l.Accounts != null)
            .Select(l => l.Accounts!)
            .ToListAsync(cancellationToken);
        var watched = configured.Concat(members.SelectMany(m => m.Split('\n', StringSplitOptions.RemoveEmptyEntries))).Distinct(StringComparer.Ordinal).ToList();
        var open = await db.Incidents.Where(i => i.EndTime == null && !watched.Contains(i.Account)).ToListAsync(cancellationToken);
        foreach (var incident in open)
        {
            incident.EndTime = now;
            incident.Duration = Math.Max(0, now - incident.StartTime);
            incident.Details = string.IsNullOrEmpty(incident.Details) ? Reason : $"{incident.Details} ({Reason})";
        }

        var statuses = await db.CheckStatuses.Where(s => !watched.Contains(s.Account)).ToListAsync(cancellationToken);
        db.CheckStatuses.RemoveRange(statuses);
        await db.SaveChangesAsync(cancellationToken);
        return open.Select(i => i.Account).Concat(statuses.Select(s => s.Account)).Distinct(StringComparer.Ordinal).ToList();
    }
}
