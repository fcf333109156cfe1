using AmoHealth.Core.Checks;
using AmoHealth.Prober.Configuration;
using AmoHealth.Prober.Probes.Safety;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmoHealth.Tests.Fast;

/// <summary>The 429 guard on a fake clock: spacing, pauses and the block's recheck, each without a sleep.</summary>
[Trait("Ring", "Fast")]
public sealed class AccountGuardTests
{
    private static readonly GuardSettings Settings =
        new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AccountGuard _guard;

    public AccountGuardTests() => _guard = new AccountGuard(_clock, Settings);

    [Fact]
    public void RequestsInQuickSuccessionAreSpacedByTheBudget()
    {
        var waits = Enumerable.Range(0, 3).Select(_ => _guard.Admit()).ToList();

        Assert.All(waits, admission => Assert.True(admission.Allowed));
        Assert.Equal([TimeSpan.Zero, Settings.Spacing, 2 * Settings.Spacing], waits.Select(a => a.Wait));
    }

    [Fact]
    public void ASlotThatHasPassedIsNotOwedLater()
    {
        _guard.Admit();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.Zero, _guard.Admit().Wait);
    }

    [Fact]
    public void A429WithRetryAfterPausesEveryRequestForExactlyThatWait()
    {
        var start = _clock.GetUtcNow();
        _guard.Record(Outcome.Throttled, TimeSpan.FromSeconds(45));

        var during = _guard.Admit();
        _clock.Advance(TimeSpan.FromSeconds(44));
        var justBefore = _guard.Admit();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = _guard.Admit();

        Assert.Equal(Outcome.Throttled, during.DeniedAs);
        Assert.Equal(start + TimeSpan.FromSeconds(45), during.Until);
        Assert.Equal(Outcome.Throttled, justBefore.DeniedAs);
        Assert.True(after.Allowed);
    }

    [Fact]
    public void A429WithoutRetryAfterPausesForTheDefaultWait()
    {
        var start = _clock.GetUtcNow();
        _guard.Record(Outcome.Throttled, null);

        var during = _guard.Admit();
        _clock.Advance(Settings.DefaultRetryAfter - TimeSpan.FromSeconds(1));
        var justBefore = _guard.Admit();
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(start + Settings.DefaultRetryAfter, during.Until);
        Assert.Contains("429", during.Reason);
        Assert.False(justBefore.Allowed);
        Assert.True(_guard.Admit().Allowed);
    }

    [Fact]
    public void A403BlockLetsOneRecheckThroughPerHour()
    {
        var start = _clock.GetUtcNow();
        _guard.Record(Outcome.Blocked, null);

        var during = _guard.Admit();
        _clock.Advance(Settings.BlockedRecheck);
        var recheck = _guard.Admit();
        var secondInTheSameHour = _guard.Admit();

        Assert.Equal(Outcome.Blocked, during.DeniedAs);
        Assert.Equal(start + Settings.BlockedRecheck, during.Until);
        Assert.True(recheck.Allowed);
        Assert.Equal(Outcome.Blocked, secondInTheSameHour.DeniedAs);
        Assert.Equal(_clock.GetUtcNow() + Settings.BlockedRecheck, secondInTheSameHour.Until);
        Assert.True(_guard.Blocked);
    }

    [Fact]
    public void ACorrectAnswerToTheRecheckLiftsTheBlock()
    {
        _guard.Record(Outcome.Blocked, null);
        _clock.Advance(Settings.BlockedRecheck);
        _guard.Admit();

        _guard.Record(Outcome.Up, null);

        Assert.False(_guard.Blocked);
        Assert.True(_guard.Admit().Allowed);
    }

    [Fact]
    public void AnOutageDuringABlockKeepsItBlocked()
    {
        _guard.Record(Outcome.Blocked, null);

        _guard.Record(Outcome.Down, null);

        Assert.True(_guard.Blocked);
    }

    [Fact]
    public void TheBudgetComesFromTheOptionsAndIsSharedPerAccount()
    {
        var guards = new AccountGuard.Registry(_clock, Options.Create(new MonitorOptions { MaxRequestsPerSecond = 4 }));

        guards.For("acme").Admit();
        var second = guards.For("acme").Admit();
        var otherAccount = guards.For("other").Admit();

        Assert.Equal(TimeSpan.FromMilliseconds(250), second.Wait);
        Assert.Equal(TimeSpan.Zero, otherAccount.Wait);
    }
}
