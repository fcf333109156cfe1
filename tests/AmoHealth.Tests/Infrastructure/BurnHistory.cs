using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Synthetic histories of 30-second probes written through the real store (raw rows, then rollups): two
/// results a minute; a bad minute has one <c>down</c> and one <c>up</c> result (one down verdict makes it bad).
/// Minutes are counted back from <c>now</c>: minute 1 is the one that ended at <c>now</c>.</summary>
public static class BurnHistory
{
    /// <summary>Minutes 1..<paramref name="minutes"/> before <paramref name="now"/>, those in <paramref name="bad"/>
    /// bad.</summary>
    public static async Task WriteAsync(AmoHealthDbContext db, string account, string checkType, DateTimeOffset now,
        int minutes, IReadOnlySet<int> bad, int fromMinute = 1)
    {
        var results = new List<ProbeResult>(minutes * 2);
        for (var m = fromMinute; m < fromMinute + minutes; m++)
        {
            var start = now.AddMinutes(-m).ToUnixTimeMilliseconds();
            results.Add(new ProbeResult(account, checkType, bad.Contains(m) ? Outcome.Down : Outcome.Up, 120, start,
                bad.Contains(m) ? 503 : 200, null));
            results.Add(new ProbeResult(account, checkType, Outcome.Up, 110, start + 30_000, 200, null));
        }

        await Results.StoreAsync(db, results);
    }

    /// <summary><paramref name="inShort"/> bad minutes at the start of the short window (minutes 1, 2, ...), and the
    /// rest of <paramref name="inLong"/> spread evenly over the long window beyond it.</summary>
    public static HashSet<int> Spread(int longMinutes, int inLong, int shortMinutes, int inShort)
    {
        var bad = Enumerable.Range(1, inShort).ToHashSet();
        var rest = inLong - inShort;
        var room = longMinutes - shortMinutes;
        for (var i = 0; i < rest; i++)
        {
            bad.Add(shortMinutes + 1 + (int)((long)i * room / rest));
        }

        return bad;
    }
}
