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

    /// <summary>The budget over <paramref name="tally"/> (the SLO window's minutes): allowed, spent and left.</summary>
    public ErrorBudget Budget(MinuteTally tally) => new(Allowed * tally.Judged, tally.Bad);
}
