using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Core.Slo;

/// <summary>One account's check's promise: <see cref="Target"/> (a fraction, 0.999) of judged minutes good over a
/// rolling <see cref="Window"/>.</summary>
public sealed record SloObjective(string Account, string CheckType, double Target, TimeSpan Window)
{
    /// <summary>The share of judged minutes that may be bad.</summary>
    public double Allowed => 1 - Target;

    /// <summary>How fast a window spends the budget: its bad share over the allowed share. 1 spends exactly the
    /// budget over the SLO window; 0 when no minute was judged.</summary>
    public double BurnRate(MinuteTally tally) => tally.Judged == 0 ? 0 : tally.Bad / (Allowed * tally.Judged);

    /// <summary>
    /// The budget over <paramref name="tally"/>, the minutes of a <paramref name="period"/> (default the SLO window)
    /// ending now: the allowed share of the period's minutes less its maintenance and not-measured ones, as a
    /// time-based SLO counts it (99.9 % over 30 days allows 43.2 bad minutes). Minutes nobody probed (before the
    /// monitor started, while it was off) stay in the base: a young install starts with the whole budget instead
    /// of one that a single bad minute overspends a thousandfold.
    /// </summary>
    public ErrorBudget Budget(MinuteTally tally, TimeSpan? period = null)
    {
        var minutes = (period ?? Window).TotalMinutes - tally.Excluded - tally.Maintenance;
        return new ErrorBudget(Allowed * Math.Max(tally.Judged, minutes), tally.Bad);
    }
}
