namespace AmoHealth.Api.Queries;

/// <summary>
/// One point of a response-time series. A raw result when the range is short (<c>count</c> 1); else a
/// bucket of <c>count</c> results starting at <c>timestamp</c>, with <c>responseTime</c> their average,
/// <c>min</c>/<c>max</c>, and <c>status</c> <c>down</c> if any of them was.
/// </summary>
public sealed record HistoryPoint(
    string Account,
    string CheckType,
    long Timestamp,
    string Status,
    int? ResponseTime,
    int? Min,
    int? Max,
    int Count,
    int UpCount,
    string? ErrorMessage);
