using AmoHealth.Core.Checks;
using AmoHealth.Prober.Probes.Safety;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Fast;

/// <summary>The account's request budget and pauses run on the monotonic clock: a step of the wall clock changes
/// nothing.</summary>
[Trait("Ring", "Fast")]
public sealed class MonotonicGuardTests
{
    private static readonly GuardSettings Settings = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5),
        TimeSpan.FromHours(1));
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SteppingClock _clock;
    private readonly AccountGuard _guard;

    public MonotonicGuardTests()
    {
        _clock = new SteppingClock(_fake);
        _guard = new AccountGuard(_clock, Settings);
    }

    [Fact]
    public void AWallClockStepBackDoesNotStallRequestSpacing()
    {
        Assert.True(_guard.Admit().Allowed);

        _clock.StepWallClock(TimeSpan.FromHours(-1));
        var next = _guard.Admit();

        Assert.True(next.Allowed);
        Assert.True(next.Wait <= Settings.Spacing, $"waited {next.Wait} for a spacing of {Settings.Spacing}");
    }

    [Fact]
    public void AWallClockStepForwardDoesNotEndA429PauseEarly()
    {
        _guard.Record(Outcome.Throttled, TimeSpan.FromSeconds(60));

        _clock.StepWallClock(TimeSpan.FromHours(2));
        var during = _guard.Admit();
        var wallNow = _clock.GetUtcNow();
        _fake.Advance(TimeSpan.FromSeconds(60));
        var after = _guard.Admit();

        Assert.Equal(Outcome.Throttled, during.DeniedAs);
        // The time shown to people is on the wall clock as it now reads.
        Assert.Equal(wallNow + TimeSpan.FromSeconds(60), during.Until);
        Assert.True(after.Allowed);
    }

    [Fact]
    public void AWallClockStepForwardDoesNotEndABlockEarly()
    {
        _guard.Record(Outcome.Blocked, null);

        _clock.StepWallClock(TimeSpan.FromHours(3));
        var during = _guard.Admit();
        _fake.Advance(TimeSpan.FromHours(1));
        var recheck = _guard.Admit();

        Assert.Equal(Outcome.Blocked, during.DeniedAs);
        Assert.True(recheck.Allowed);
    }

    [Fact]
    public void AWallClockStepBackDoesNotProlongA429Pause()
    {
        _guard.Record(Outcome.Throttled, TimeSpan.FromSeconds(60));

        _clock.StepWallClock(TimeSpan.FromHours(-2));
        _fake.Advance(TimeSpan.FromSeconds(60));

        Assert.True(_guard.Admit().Allowed);
    }
}
