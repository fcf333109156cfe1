namespace AmoHealth.Api.Slo;

/// <summary>An error-budget burn alert (<c>slo_alerts</c>). <c>rule</c>: fast (14.4× over 1 h and 5 min), slow (6×
/// over 6 h and 30 min) or ticket (1× over 3 days and 6 h); <c>severity</c>: page or ticket; <c>target</c> a
/// percent; times Unix ms.</summary>
public sealed record BurnAlertDto(
    long Id, string Account, string CheckType, string Rule, string Severity, double Factor, double Target,
    double LongBurn, double ShortBurn, long OpenedAt, long? ClosedAt, string? AcknowledgedBy, long? AcknowledgedAt);
