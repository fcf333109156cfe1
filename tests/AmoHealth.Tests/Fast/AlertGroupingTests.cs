using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Alerting;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Fast;

/// <summary>One outage of the whole account, whose checks' verdicts arrive at different moments of a cycle, is one
/// message.</summary>
[Trait("Ring", "Fast")]
public sealed class AlertGroupingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly AlertOptions Settings = new() { GroupWindowSeconds = 3 };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddDays(20_000));
    private readonly List<CheckStatusRecord> _checks = [];
    private readonly List<NotificationRecord> _outbox = [];

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public void DownAlertsWaitForTheChecksWhoseVerdictOfThisCycleIsStillComingAndLeaveAsOneMessage()
    {
        var outage = Now;
        // POST and HOOK were up last cycle; their results of the failing cycle come only at their deadline.
        Check("POST", CheckState.Up, outage - Interval.TotalMilliseconds + 200);
        Check("HOOK", CheckState.Up, outage - Interval.TotalMilliseconds + 300);
        _time.Advance(TimeSpan.FromSeconds(15));
        Down(outage, "GET", "WEB", "DP");

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, Held().Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        Check("POST", CheckState.Suspect, outage + 200);
        Check("HOOK", CheckState.Suspect, outage + 300);
        Assert.Equal(3, Held().Count);

        _time.Advance(TimeSpan.FromSeconds(2));
        Check("POST", CheckState.Down, outage + 200);
        Check("HOOK", CheckState.Down, outage + 300);
        Down(outage + 200, "POST", "HOOK");
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Empty(Held());
    }

    [Fact]
    public void ACheckThatNeverReportsDelaysTheFirstAlertByOneIntervalAtMost()
    {
        var outage = Now;
        Check("HOOK", CheckState.Up, outage - Interval.TotalMilliseconds + 300);
        Down(outage, "GET");

        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Single(Held());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(Held());
    }

    [Fact]
    public void ACheckThatAlreadyReportedUpThisCycleHoldsNothing()
    {
        var outage = Now;
        Check("POST", CheckState.Up, outage + 200);
        Check("HOOK", CheckState.Up, outage + 300);
        Down(outage, "GET");

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Empty(Held());
    }

    [Fact]
    public void RestoredAlertsWaitForTheDownChecksWhoseVerdictIsStillComing()
    {
        var back = Now;
        Check("HOOK", CheckState.Down, back - Interval.TotalMilliseconds + 300);
        Restored(back, "GET", "WEB");

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2, Held().Count);

        Check("HOOK", CheckState.Recovering, back + 300);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2, Held().Count);

        Check("HOOK", CheckState.Up, back + 5_300);
        Restored(back + 5_300, "HOOK");
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(Held());
    }

    private HashSet<NotificationRecord> Held() => AlertGrouping.Held(Settings, Interval, _outbox, _checks, Now);

    private void Check(string checkType, CheckState state, double lastCheck)
    {
        _checks.RemoveAll(c => c.CheckType == checkType);
        _checks.Add(new CheckStatusRecord { Account = "acme", CheckType = checkType, Status = "up", State = state,
            LastCheck = (long)lastCheck });
    }

    private void Down(long startTime, params string[] checkTypes)
    {
        foreach (var checkType in checkTypes)
        {
            Check(checkType, CheckState.Down, startTime);
            Alert(checkType, NotificationKinds.Down,
                new IncidentRecord { Account = "acme", CheckType = checkType, Kind = Outcome.Down,
                StartTime = startTime });
        }
    }

    private void Restored(long endTime, params string[] checkTypes)
    {
        foreach (var checkType in checkTypes)
        {
            Check(checkType, CheckState.Up, endTime);
            Alert(checkType, NotificationKinds.Restored,
                new IncidentRecord { Account = "acme", CheckType = checkType, Kind = Outcome.Down,
                    StartTime = endTime - 60_000, EndTime = endTime });
        }
    }

    private void Alert(string checkType, string kind, IncidentRecord incident) => _outbox.Add(new NotificationRecord
    {
        Account = "acme", CheckType = checkType, Kind = kind, Incident = incident, Text = $"{kind} {checkType}",
            CreatedAt = Now, NextAttemptAt = Now,
    });
}
