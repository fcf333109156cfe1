using System.Text.Json.Serialization;

namespace AmoHealth.Api.Queries;

/// <summary>One point of a response-time series. A raw result when the range is short (<c>count</c> 1); else a bucket
/// of <c>count</c> results starting at <c>timestamp</c>, <c>bucketMs</c> long, with <c>responseTime</c> their average,
/// <c>min</c>/<c>max</c>/<c>p95</c>, and <c>status</c> <c>down</c> if any of them was not up. Raw points carry the
/// timing phases of their request (DNS, connect, TLS, time to first byte) and why it failed (<c>failureKind</c>);
/// buckets leave those fields out.</summary>
public sealed record HistoryPoint(
    string Account,
    string CheckType,
    long Timestamp,
    string Status,
    int? ResponseTime,
    int? Min,
    int? Max,
    int? P95,
    int Count,
    int UpCount,
    long BucketMs,
    string? ErrorMessage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DnsMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ConnectMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TlsMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TtfbMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FailureKind = null);
