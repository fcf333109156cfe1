namespace AmoHealth.Core.Slo;

/// <summary>Section <c>Slo</c>: what the team promises per check. <see cref="Target"/> for every check, overridden per
/// check type (<c>Slo:Checks:&lt;check&gt;:Target</c>), per account (<c>Slo:Accounts:&lt;account&gt;:Target</c>) and
/// per account's check (<c>Slo:Accounts:&lt;account&gt;:Checks:&lt;check&gt;:Target</c>), the most specific
/// winning. Targets are percent (99.9).</summary>
public sealed class SloOptions
{
    public const string Section = "Slo";

    public double Target { get; set; } = 99.9;

    /// <summary>The rolling window the budget is counted over.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>Burn-rate alerts (<see cref="BurnRules"/>): pages for the fast rules, the ticket rule into the daily
    /// summary.</summary>
    public bool BurnAlerts { get; set; } = true;

    public Dictionary<string, SloTargetOverride> Checks { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, SloAccountOverride> Accounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The objective for one account's check.</summary>
    public SloObjective For(string account, string checkType)
    {
        var target = Target;
        if (Checks.TryGetValue(checkType, out var check) && check.Target is { } checkTarget)
        {
            target = checkTarget;
        }

        if (Accounts.TryGetValue(account, out var overrides))
        {
            if (overrides.Target is { } accountTarget)
            {
                target = accountTarget;
            }

            if (overrides.Checks.TryGetValue(checkType, out var own) && own.Target is { } ownTarget)
            {
                target = ownTarget;
            }
        }

        return new SloObjective(account, checkType, target / 100.0, TimeSpan.FromDays(WindowDays));
    }
}

public sealed class SloTargetOverride
{
    public double? Target { get; set; }
}

public sealed class SloAccountOverride
{
    public double? Target { get; set; }

    public Dictionary<string, SloTargetOverride> Checks { get; set; } = new(StringComparer.Ordinal);
}
