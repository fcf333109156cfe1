using AmoHealth.Core.Checks;

namespace AmoHealth.Tests.Fast;

/// <summary>The failure kind is a value with one wire name each; the own-fault kinds are exactly AmoHealth's.</summary>
[Trait("Ring", "Fast")]
public sealed class FailureKindTests
{
    [Fact]
    public void EveryKindHasOneNameThatReadsBack()
    {
        var kinds = Enum.GetValues<FailureKind>();

        Assert.Equal(kinds.Length, FailureKindNames.All.Distinct().Count());
        Assert.All(kinds, kind => Assert.Equal(kind, FailureKindNames.Parse(kind.ToName())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("from_a_newer_version")]
    public void AMissingOrUnknownNameReadsAsTheFallback(string? name) =>
        Assert.Equal(FailureKind.HttpStatus, FailureKindNames.Parse(name, FailureKind.HttpStatus));

    [Fact]
    public void OnlyAmoHealthsOwnKindsAreOwnFaults()
    {
        var own = Enum.GetValues<FailureKind>().Where(kind => kind.IsOwnFault()).ToArray();

        Assert.Equal(
            [FailureKind.Offline, FailureKind.ReceiverUnreachable, FailureKind.Configuration, FailureKind.MonitorError],
                own);
    }

    [Fact]
    public void OnlyFailuresWithNoAnswerOnTheNetworkCanBeAmoHealthBeingOffline()
    {
        var network = Enum.GetValues<FailureKind>().Where(kind => kind.IsNetwork()).ToArray();

        Assert.Equal(
            [FailureKind.Timeout, FailureKind.Dns, FailureKind.Connect, FailureKind.Tls, FailureKind.Protocol],
            network);
    }

    [Theory]
    [InlineData(Outcome.Up, FailureKind.None)]
    [InlineData(Outcome.Degraded, FailureKind.Slow)]
    [InlineData(Outcome.Down, FailureKind.HttpStatus)]
    [InlineData(Outcome.AuthFailed, FailureKind.TokenRejected)]
    [InlineData(Outcome.Throttled, FailureKind.Throttled)]
    public void AResultWithoutAKindHasItsOutcomesKind(Outcome outcome, FailureKind expected)
    {
        var result = new ProbeResult("acme", CheckType.Get, outcome, 100, 1_000, 200, null);

        Assert.Equal(expected, result.Kind);
        Assert.False(result.OwnFault);
    }

    [Fact]
    public void ANamedKindTravelsThroughWithAndDecidesOwnFault()
    {
        var result = new ProbeResult("acme", CheckType.Hook, Outcome.Down, null, 1_000, null, "no network")
        {
            Kind = FailureKind.Offline,
        };

        var copy = result with { Sequence = 7 };

        Assert.Equal(FailureKind.Offline, copy.Kind);
        Assert.True(copy.OwnFault);
    }
}
