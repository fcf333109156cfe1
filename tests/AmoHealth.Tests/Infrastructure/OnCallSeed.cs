using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>On-call rows as the Prober writes them, relative to <c>now</c>: account <c>acme</c> with results;
/// incident 1 open and acknowledged by anna with a timeline (opened, acknowledged, an internal and a public note),
/// incident 2 closed; silences 1 (active, HOOK) and 2 (planned, whole account) shown, 3 (ended) and 4 (run out) not;
/// maintenance 1 (one-off tomorrow, every account) and 2 (weekly, Sundays 14:00 Moscow, acme) shown, 3 (deleted)
/// and 4 (over) not.</summary>
public static class OnCallSeed
{
    public static async Task SeedAsync(IDbContextFactory<AmoHealthDbContext> contexts, DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync();
        await Results.StoreAsync(db, Enumerable.Range(1, 5)
            .Select(i => new ProbeResult("acme", CheckType.Get, Outcome.Up, 100, ms - i * 60_000L, 200, null))
            .ToList());
        db.CheckStatuses.Add(new CheckStatusRecord
        {
            Account = "acme", CheckType = CheckType.Get, Status = "up", Outcome = Outcome.Up, LastCheck = ms - 60_000,
        });
        await SaveAsync(db, new IncidentRecord
        {
            Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down, StartTime = ms - 600_000,
            CreatedAt = ms - 600_000, AcknowledgedBy = "anna", AcknowledgedAt = ms - 180_000, EscalationStep = 1,
            Details = "HTTP 503",
        });
        await SaveAsync(db, new IncidentRecord
        {
            Account = "acme", CheckType = CheckType.Web, Kind = Outcome.Down, StartTime = ms - 7_200_000,
            EndTime = ms - 7_000_000, Duration = 200_000, CreatedAt = ms - 7_200_000,
        });
        await SaveAsync(db, Event(TimelineKind.Opened, ms - 600_000, null, "GET failed 3 times", false));
        await SaveAsync(db, Event(TimelineKind.Acknowledged, ms - 180_000, "anna", null, false));
        await SaveAsync(db, Event(TimelineKind.Note, ms - 120_000, "anna", "restarted the pod", false));
        await SaveAsync(db, Event(TimelineKind.Note, ms - 60_000, "boris", "we are on it", true));
        await SaveAsync(db, Silence(CheckType.Hook, ms - 600_000, ms + 3_000_000, null, false));
        await SaveAsync(db, Silence(null, ms + 3_600_000, ms + 7_200_000, null, true));
        await SaveAsync(db, Silence(null, ms - 600_000, ms + 3_000_000, ms - 60_000, false));
        await SaveAsync(db, Silence(null, ms - 7_200_000, ms - 3_600_000, null, false));
        await SaveAsync(db, Window(null, ms + 86_400_000, ms + 90_000_000, null, ms));
        await SaveAsync(db, new MaintenanceRecord
        {
            Account = "acme", Weekday = 0, StartTime = "14:00", DurationMinutes = 120, TimeZone = "Europe/Moscow",
            Reason = "weekly backup", CreatedBy = "root", CreatedAt = ms - 86_400_000,
        });
        await SaveAsync(db, Window(null, ms + 86_400_000, ms + 90_000_000, ms - 1_000, ms));
        await SaveAsync(db, Window("acme", ms - 90_000_000, ms - 86_400_000, null, ms - 100_000_000));
    }

    private static IncidentEventRecord Event(TimelineKind kind, long at, string? actor, string? text, bool isPublic) =>
        new() { IncidentId = 1, Kind = kind.ToName(), At = at, Actor = actor, Text = text, Public = isPublic };

    private static SilenceRecord Silence(string? check, long starts, long ends, long? ended, bool onRecovery) => new()
    {
        Account = "acme", CheckType = check, StartsAt = starts, EndsAt = ends, Reason = "deploy", CreatedBy = "anna",
        CreatedAt = starts, EndedAt = ended, EndedBy = ended is null ? null : "boris", EndOnRecovery = onRecovery,
    };

    private static MaintenanceRecord Window(string? account, long starts, long ends, long? deleted, long created) =>
        new()
        {
            Account = account, StartsAt = starts, EndsAt = ends, TimeZone = "Europe/Moscow", Reason = "upgrade",
            CreatedBy = "root", CreatedAt = created, DeletedAt = deleted,
        };

    /// <summary>One row at a time, so that the ids follow the order above on both engines.</summary>
    private static async Task SaveAsync(AmoHealthDbContext db, object row)
    {
        db.Add(row);
        await db.SaveChangesAsync();
    }
}
