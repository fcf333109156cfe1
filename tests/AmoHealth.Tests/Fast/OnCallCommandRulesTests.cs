using AmoHealth.Core.OnCall;
using AmoHealth.Prober.Evaluation;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Tests.Fast;

/// <summary>The Prober's own check of a command (the same rules as the Api's), and how a timeline says how long an
/// incident lasted.</summary>
[Trait("Ring", "Fast")]
public sealed class OnCallCommandRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private static readonly string[] Accounts = ["acme"];

    [Theory]
    [InlineData(5, "r", null)]
    [InlineData(10_080, "r", null)]
    [InlineData(4, "r", "minutes must be 5 to 10080.")]
    [InlineData(10_081, "r", "minutes must be 5 to 10080.")]
    [InlineData(30, " ", "reason must be 1 to 500 characters.")]
    public void ASilenceNeedsMinutesInRangeAndAReason(int minutes, string reason, string? problem)
    {
        var command = new OnCallCommand
        {
            Kind = OnCallCommandKinds.Silence, Account = "acme", Minutes = minutes, Reason = reason,
        };

        Assert.Equal(problem, CommandRules.Check(command, Accounts, Now));
    }

    [Fact]
    public void ASilenceOfAnUnknownAccountOrCheckIsInvalid()
    {
        var stranger = new OnCallCommand { Kind = "silence", Account = "other", Minutes = 30, Reason = "r" };
        var check = new OnCallCommand
        {
            Kind = "silence", Account = "acme", CheckType = "PING", Minutes = 30, Reason = "r",
        };

        Assert.Equal("Unknown account 'other'.", CommandRules.Check(stranger, Accounts, Now));
        Assert.StartsWith("checkType must be one of GET, POST, WEB, HOOK, DP",
            CommandRules.Check(check, Accounts, Now));
    }

    [Fact]
    public void AnAcknowledgementNamesItsIncidentAndAKnownSource()
    {
        var known = new OnCallCommand { Kind = "ack", Id = 12, Source = "mattermost" };
        var forged = new OnCallCommand { Kind = "ack", Id = 12, Source = "pager" };

        Assert.Null(CommandRules.Check(known, Accounts, Now));
        Assert.Equal("id is required.", CommandRules.Check(known with { Id = null }, Accounts, Now));
        Assert.Equal("source must be one of dashboard, api, mattermost, telegram.",
            CommandRules.Check(forged, Accounts, Now));
    }

    [Fact]
    public void AWindowIsOneOffInTheFutureOrWeeklyButNotBoth()
    {
        var ms = Now.ToUnixTimeMilliseconds();
        OnCallCommand Window(long? starts, long? ends, int? weekday = null, string? at = null, int? minutes = null) =>
            new()
            {
                Kind = "maintenance", Reason = "r", StartsAt = starts, EndsAt = ends, Weekday = weekday,
                StartTime = at, DurationMinutes = minutes,
            };

        Assert.Null(CommandRules.Check(Window(ms, ms + 60_000), Accounts, Now));
        Assert.Null(CommandRules.Check(Window(null, null, 6, "23:30", 1_440), Accounts, Now));
        Assert.Equal("endsAt must be in the future.",
            CommandRules.Check(Window(ms - 120_000, ms - 60_000), Accounts, Now));
        Assert.Equal("weekday must be 0 (Sunday) to 6 (Saturday).",
            CommandRules.Check(Window(null, null, 7, "03:00", 60), Accounts, Now));
        Assert.Equal("durationMinutes must be 1 to 1440.",
            CommandRules.Check(Window(null, null, 1, "03:00", 1_441), Accounts, Now));
        Assert.Contains("not both", CommandRules.Check(Window(ms, null, 1, "03:00", 60), Accounts, Now));
    }

    [Theory]
    [InlineData(40_000, "40 s")]
    [InlineData(85_000, "1 min 25 s")]
    [InlineData(7_500_000, "2 h 5 min")]
    public void HowLongAnIncidentLastedReadsInTheLargestUnits(long milliseconds, string expected) =>
        Assert.Equal(expected, IncidentStory.Lasted(TimeSpan.FromMilliseconds(milliseconds)));
}
