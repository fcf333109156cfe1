namespace AmoHealth.Core.Slo;

/// <summary>An error budget in minutes: <see cref="AllowedMinutes"/> bad minutes the target allows over a period, of
/// which <see cref="SpentMinutes"/> are spent.</summary>
public readonly record struct ErrorBudget(double AllowedMinutes, int SpentMinutes)
{
    /// <summary>Negative when the budget is overspent.</summary>
    public double LeftMinutes => AllowedMinutes - SpentMinutes;

    /// <summary>The share left, 1 when nothing is spent, negative when overspent; 1 while nothing was judged.</summary>
    public double LeftFraction => AllowedMinutes <= 0 ? (SpentMinutes == 0 ? 1 : -1) : LeftMinutes / AllowedMinutes;

    /// <summary>Whether the target is met: no more bad minutes than the period allows.</summary>
    public bool Met => SpentMinutes <= AllowedMinutes;
}
