namespace AmoHealth.Core.Storage;

/// <summary>An error-budget burn alert (table <c>slo_alerts</c>): opened when both windows of a rule
/// (<see cref="Slo.BurnRules"/>) burn faster than its factor, closed when either no longer does. At most one open
/// alert per account, check and rule.</summary>
public sealed class BurnAlertRecord
{
    public long Id { get; set; }

    public required string Account { get; set; }

    public required string CheckType { get; set; }

    /// <summary>The rule's name (<see cref="Slo.BurnRules"/>: <c>fast</c>, <c>slow</c>, <c>ticket</c>).</summary>
    public required string Rule { get; set; }

    /// <summary><c>page</c> or <c>ticket</c> (<see cref="Slo.BurnRules"/>).</summary>
    public required string Severity { get; set; }

    /// <summary>The SLO target when it opened, a fraction (0.999).</summary>
    public double Target { get; set; }

    /// <summary>The burn rates of the long and the short window when it opened.</summary>
    public double LongBurn { get; set; }

    public double ShortBurn { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long OpenedAt { get; set; }

    /// <summary>Unix milliseconds; null while open.</summary>
    public long? ClosedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long? AcknowledgedAt { get; set; }
}
