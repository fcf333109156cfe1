using AmoHealth.Core.Configuration;

namespace AmoHealth.Tests.Fast;

/// <summary>Every span derived from the interval, at the seed's 30 s and at a short and a long interval.</summary>
[Trait("Ring", "Fast")]
public sealed class CadenceTests
{
    [Theory]
    [InlineData(30_000, 10_000, 20_000, 80_000, 90_000, 60_000, 15_000)]
    [InlineData(3_000, 2_000, 2_000, 8_000, 9_000, 60_000, 2_000)]
    [InlineData(300_000, 10_000, 20_000, 620_000, 900_000, 600_000, 150_000)]
    public void SpansFollowTheInterval(
        int intervalMs, int timeoutMs, int deadlineMs, int staleMs, int silentMs, int settleMs, int leaseMs)
    {
        var cadence = Cadence.FromMilliseconds(intervalMs);

        Assert.Equal(
            (timeoutMs, deadlineMs, staleMs, silentMs, settleMs, leaseMs),
            ((int)cadence.DefaultTimeout.TotalMilliseconds, (int)cadence.DefaultDeliveryDeadline.TotalMilliseconds,
                (int)cadence.StaleAfter.TotalMilliseconds, (int)cadence.SilentAfter.TotalMilliseconds,
                (int)cadence.FaultSettle.TotalMilliseconds, (int)cadence.LeaseLifetime.TotalMilliseconds));
    }

    [Fact]
    public void TheSeedRulesReadTheSameSpans()
    {
        Assert.Equal(666, SeedRules.DefaultTimeoutMs(1_000));
        Assert.Equal(20_000, SeedRules.DefaultDeliveryDeadlineMs(60_000));
        Assert.Equal(80_000, SeedRules.StaleAfterMs(30_000));
    }

    [Fact]
    public void HorizonsAddTheirOwnSpanToTwoOrThreeCycles()
    {
        var cadence = Cadence.FromMilliseconds(30_000);

        Assert.Equal(TimeSpan.FromSeconds(75), cadence.LateHorizon(TimeSpan.FromSeconds(15)));
        Assert.Equal(TimeSpan.FromSeconds(150), cadence.StreakStaleAfter(TimeSpan.FromMinutes(1)));
    }
}
