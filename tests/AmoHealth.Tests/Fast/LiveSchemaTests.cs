using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;

namespace AmoHealth.Tests.Fast;

[Trait("Ring", "Fast")]
public sealed class LiveSchemaTests
{
    private const long Now = 1_765_000_000_000;

    private static readonly StatusUpdate Valid = StatusUpdate.Create("main", CheckType.Get, Outcome.Degraded, 1_500,
        Now - 2_000, "slow", Now, 42);

    private static readonly IncidentEvent Opened = IncidentEvent.From(
        new IncidentRecord { Id = 7, Account = "main", CheckType = CheckType.Hook, Kind = Outcome.AuthFailed,
            StartTime = Now - 60_000 }, Now);

    [Fact]
    public void WhatTheProberPublishesPasses()
    {
        Assert.Null(LiveSchema.Problem(Valid));
        Assert.Null(
            LiveSchema.Problem(
            Valid with { ResultId = null, Data = Valid.Data with { ResponseTime = null, ErrorMessage = null } }));
        Assert.Null(LiveSchema.Problem(Opened));
        Assert.Null(LiveSchema.Problem(Opened with { Type = IncidentEvent.Closed, EndTime = Now, Duration = 60_000 }));
    }

    [Fact]
    public void AStatusUpdateThatLiesIsNamedForWhatIsWrong()
    {
        Assert.Equal("wrong_type", LiveSchema.Problem(Valid with { Type = IncidentEvent.Opened }));
        Assert.Equal("wrong_type", LiveSchema.Problem(Valid with { Data = null! }));
        Assert.Equal("unknown_check", LiveSchema.Problem(Valid with { CheckType = "FAKE" }));
        Assert.Equal("unknown_check", LiveSchema.Problem(Valid with { CheckType = null! }));
        Assert.Equal("bad_account", LiveSchema.Problem(Valid with { Account = "" }));
        Assert.Equal("bad_account", LiveSchema.Problem(Valid with { Account = "main\u001b[2J" }));
        Assert.Equal("bad_account",
            LiveSchema.Problem(Valid with { Account = new string('a', LiveSchema.MaxAccountLength + 1) }));
        Assert.Equal("unknown_status",
            LiveSchema.Problem(Valid with { Data = Valid.Data with { Status = "sideways" } }));
        Assert.Equal("unknown_status", LiveSchema.Problem(Valid with { Data = Valid.Data with { Outcome = "fine" } }));
        Assert.Equal("unknown_status", LiveSchema.Problem(Valid with { Data = Valid.Data with { Status = "down" } }));
        Assert.Equal("bad_number", LiveSchema.Problem(Valid with { Timestamp = -1 }));
        Assert.Equal("bad_number", LiveSchema.Problem(Valid with { Data = Valid.Data with { LastCheck = 0 } }));
        Assert.Equal("bad_number", LiveSchema.Problem(Valid with { Timestamp = long.MaxValue }));
        Assert.Equal("bad_number", LiveSchema.Problem(Valid with { Data = Valid.Data with { ResponseTime = -5 } }));
        Assert.Equal("bad_number",
            LiveSchema.Problem(Valid with { Data = Valid.Data with { ResponseTime = int.MaxValue } }));
        Assert.Equal("bad_number", LiveSchema.Problem(Valid with { ResultId = -3 }));
        Assert.Equal("bad_text",
            LiveSchema.Problem(
            Valid with { Data = Valid.Data with { ErrorMessage = new string('x', LiveSchema.MaxTextLength + 1) } }));
    }

    [Fact]
    public void AnIncidentThatLiesIsNamedForWhatIsWrong()
    {
        Assert.Equal("wrong_type", LiveSchema.Problem(Opened with { Type = StatusUpdate.EventType }));
        Assert.Equal("wrong_type", LiveSchema.Problem(Opened with { EndTime = Now }));
        Assert.Equal("wrong_type", LiveSchema.Problem(Opened with { Type = IncidentEvent.Closed }));
        Assert.Equal("unknown_check", LiveSchema.Problem(Opened with { CheckType = "<b>GET</b>" }));
        Assert.Equal("bad_account", LiveSchema.Problem(Opened with { Account = " " }));
        Assert.Equal("unknown_status", LiveSchema.Problem(Opened with { Kind = "meteor" }));
        Assert.Equal("bad_number", LiveSchema.Problem(Opened with { Id = 0 }));
        Assert.Equal("bad_number", LiveSchema.Problem(Opened with { StartTime = -100 }));
        Assert.Equal("bad_number",
            LiveSchema.Problem(Opened with { Type = IncidentEvent.Closed, EndTime = Now - 120_000 }));
        Assert.Equal("bad_number",
            LiveSchema.Problem(Opened with { Type = IncidentEvent.Closed, EndTime = Now, Duration = -1 }));
        Assert.Equal("bad_text",
            LiveSchema.Problem(Opened with { Details = new string('x', LiveSchema.MaxTextLength + 1) }));
    }
}
