using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.EntityFrameworkCore;

namespace AmoHealth.Tests.Integration.Public;

/// <summary>Account <c>acme</c> as the Prober leaves it at <see cref="Now"/> (Sunday 2026-12-06 12:00 UTC, 15:00 in
/// Moscow), published at <c>/status/acme</c> with a 5-minute minimum incident length. GET up; POST throttled; WEB
/// down with incident 1 open (an internal and a public note); HOOK failing by our own fault; DP up. Results: GET
/// good at 23:30 Moscow on Dec 5 and bad at 01:30 Moscow on Dec 6 (both Dec 5 in UTC); DP in maintenance on Dec 3.
/// Incidents: 2 (GET, down, 2 min, closed), 3 (GET, down, 10 min), 4 (WEB, auth_failed, 30 min), 5 (GET, degraded,
/// 20 min), 6 (another account), 7 (GET, down, 100 days ago).</summary>
public static class StatusPageSeed
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    public const string InternalNote = "restarted the pod on db-7.internal";

    public const string PublicNote = "amoCRM answers slowly; we are watching";

    public static Dictionary<string, string> Page(string slug = "acme") => new()
    {
        [$"StatusPages:{slug}:Account"] = "acme",
        [$"StatusPages:{slug}:Title"] = "Acme CRM",
        [$"StatusPages:{slug}:MinIncidentMinutes"] = "5",
    };

    public static async Task SeedAsync(IDbContextFactory<AmoHealthDbContext> contexts,
        string? errorText = null, string? details = null)
    {
        var ms = Now.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync();
        var results = new List<HealthCheckRecord>
        {
            Row(CheckType.Get, Outcome.Up, At(2026, 12, 5, 20, 30), null),
            Row(CheckType.Get, Outcome.Down, At(2026, 12, 5, 22, 30), errorText),
            Row(CheckType.Post, Outcome.Throttled, ms - 30_000, errorText),
        };
        var maintenance = Row(CheckType.Dp, Outcome.Up, At(2026, 12, 3, 9, 0), null);
        maintenance.InMaintenance = true;
        results.Add(maintenance);
        db.HealthChecks.AddRange(results);
        await db.SaveChangesAsync();
        await RollupWriter.AddAsync(await db.SessionAsync(CancellationToken.None), results, CancellationToken.None);

        db.CheckStatuses.AddRange(
            Status(CheckType.Get, Outcome.Up, CheckState.Up, null, null),
            Status(CheckType.Post, Outcome.Throttled, CheckState.Down, FailureKind.Throttled, errorText),
            Status(CheckType.Web, Outcome.Down, CheckState.Down, FailureKind.HttpStatus, errorText),
            Status(CheckType.Hook, Outcome.Down, CheckState.Suspect, FailureKind.MonitorError, errorText),
            Status(CheckType.Dp, Outcome.Up, CheckState.Up, null, null));
        await db.SaveChangesAsync();

        await SaveAsync(db, Incident("acme", CheckType.Web, Outcome.Down, ms - 600_000, null, details));
        await SaveAsync(db, Incident("acme", CheckType.Get, Outcome.Down, ms - 86_400_000, 120_000, details));
        await SaveAsync(db, Incident("acme", CheckType.Get, Outcome.Down, ms - 172_800_000, 600_000, details));
        await SaveAsync(db, Incident("acme", CheckType.Web, Outcome.AuthFailed, ms - 259_200_000, 1_800_000, details));
        await SaveAsync(db, Incident("acme", CheckType.Get, Outcome.Degraded, ms - 345_600_000, 1_200_000, details));
        await SaveAsync(db, Incident("zeta", CheckType.Get, Outcome.Down, ms - 86_400_000, 600_000, details));
        await SaveAsync(db, Incident("acme", CheckType.Get, Outcome.Down, ms - 8_640_000_000, 600_000, details));
        await SaveAsync(db, Event(TimelineKind.Opened, ms - 600_000, details ?? "WEB failed 3 times", false));
        await SaveAsync(db, Event(TimelineKind.Note, ms - 300_000, InternalNote, false));
        await SaveAsync(db, Event(TimelineKind.Note, ms - 240_000, PublicNote, true));
    }

    /// <summary>Sets a check's stored state as the Prober's state machine would.</summary>
    public static async Task SetStateAsync(IDbContextFactory<AmoHealthDbContext> contexts, string checkType,
        Outcome outcome, CheckState state)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var row = await db.CheckStatuses.SingleAsync(s => s.Account == "acme" && s.CheckType == checkType);
        row.Outcome = outcome;
        row.Status = outcome.ToStatus();
        row.State = state;
        row.StoredKind = FailureKindNames.Default(outcome);
        await db.SaveChangesAsync();
    }

    private static long At(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static HealthCheckRecord Row(string check, Outcome outcome, long at, string? error) =>
        HealthCheckRecord.From(new ProbeResult("acme", check, outcome, 200, at, 200, error));

    private static CheckStatusRecord Status(
        string check, Outcome outcome, CheckState state, FailureKind? kind, string? error) => new()
    {
        Account = "acme", CheckType = check, Status = outcome.ToStatus(), Outcome = outcome, State = state,
        LastCheck = Now.ToUnixTimeMilliseconds() - 30_000, StoredKind = kind, ErrorMessage = error,
        FailingSince = state == CheckState.Up ? null : Now.ToUnixTimeMilliseconds() - 600_000,
    };

    private static IncidentRecord Incident(
        string account, string check, Outcome kind, long start, long? duration, string? details) => new()
    {
        Account = account, CheckType = check, Kind = kind, StartTime = start, EndTime = start + duration,
        Duration = duration, CreatedAt = start, Details = details,
    };

    private static IncidentEventRecord Event(TimelineKind kind, long at, string text, bool isPublic) =>
        new() { IncidentId = 1, Kind = kind.ToName(), At = at, Actor = "anna", Text = text, Public = isPublic };

    /// <summary>One row at a time, so the ids follow the order above.</summary>
    private static async Task SaveAsync(AmoHealthDbContext db, object row)
    {
        db.Add(row);
        await db.SaveChangesAsync();
    }
}
