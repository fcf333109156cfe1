namespace AmoHealth.Core.Configuration;

/// <summary>Every span that follows from <c>CHECK_INTERVAL</c>, in one place: the Prober, the Api and the tests derive
/// "how long is too long" from here, so a shorter interval tightens all of them together.</summary>
#if AMOHEALTH_APPHOST
internal sealed record Cadence(TimeSpan Interval)
#else
public sealed record Cadence(TimeSpan Interval)
#endif
{
    private static readonly TimeSpan MaxDefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxDefaultDeliveryDeadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MinLeaseLifetime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MinFaultSettle = TimeSpan.FromMinutes(1);

    public static Cadence FromMilliseconds(int intervalMs) => new(TimeSpan.FromMilliseconds(intervalMs));

    /// <summary>The timeout when <c>TIMEOUT_THRESHOLD</c> is unset: two thirds of the interval, at most 10 s.</summary>
    public TimeSpan DefaultTimeout => Min(MaxDefaultTimeout, Interval * 2 / 3);

    /// <summary>How long a webhook may take unless configured: two thirds of the interval, at most 20 s.</summary>
    public TimeSpan DefaultDeliveryDeadline => Min(MaxDefaultDeliveryDeadline, Interval * 2 / 3);

    /// <summary>A check whose newest result is older than this is stale: two cycles plus the longest a check may take
    /// (a webhook's deadline), so a slow hook check is never called stale.</summary>
    public TimeSpan StaleAfter => 2 * Interval + DefaultDeliveryDeadline;

    /// <summary>No cycle started for three intervals: the probe loop (or the whole Prober) is silent.</summary>
    public TimeSpan SilentAfter => 3 * Interval;

    /// <summary>How long a monitor fault must stand before it is alerted, and stay gone before it is cleared: two
    /// cycles, at least a minute, so a restart or one lost cycle does not post.</summary>
    public TimeSpan FaultSettle => Max(MinFaultSettle, 2 * Interval);

    /// <summary>A lease lives half an interval (at least 2 s): a dead holder's accounts move within a cycle.</summary>
    public TimeSpan LeaseLifetime => Max(MinLeaseLifetime, Interval / 2);

    /// <summary>A Digital Pipeline move is late once two cycles and its delivery deadline have passed.</summary>
    public TimeSpan LateHorizon(TimeSpan deliveryDeadline) => 2 * Interval + deliveryDeadline;

    /// <summary>A tracked failure streak older than this is forgotten: three cycles plus the last confirmation
    /// re-check, so a Prober that was stopped does not confirm an outage from results of before.</summary>
    public TimeSpan StreakStaleAfter(TimeSpan lastConfirmation) => 3 * Interval + lastConfirmation;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
