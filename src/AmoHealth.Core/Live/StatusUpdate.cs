using System.Text.Json.Serialization;
using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Live;

/// <summary>The seed's SSE message, kept exactly:
/// <c>{"type":"status_update","checkType":"GET","data":{...},"timestamp":...}</c>. <c>account</c>, <c>resultId</c> and
/// the fields of <see cref="CheckStatusDto"/> beyond the seed's are added; seed clients ignore them.</summary>
public sealed record StatusUpdate(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("checkType")] string CheckType,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("data")] CheckStatusDto Data,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("resultId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    long? ResultId = null)
{
    public const string EventType = "status_update";

    public static StatusUpdate From(ProbeResult result, long timestamp) =>
        Of(CheckStatusDto.Of(result), timestamp, result.StoredId > 0 ? result.StoredId : null);

    /// <param name="timestamp">When this message is sent, Unix milliseconds.</param>
    public static StatusUpdate Of(CheckStatusDto data, long timestamp, long? resultId = null) =>
        new(EventType, data.CheckType, data.Account, data, timestamp, resultId);

    /// <param name="lastCheck">When the reported probe started, Unix milliseconds.</param>
    /// <param name="timestamp">When this message is sent, Unix milliseconds.</param>
    /// <param name="kind">Why it failed; the outcome's default kind when null.</param>
    public static StatusUpdate Create(
        string account,
        string checkType,
        Outcome outcome,
        int? responseTime,
        long lastCheck,
        string? errorMessage,
        long timestamp,
        long? resultId = null,
        FailureKind? kind = null) => Of(
        CheckStatusDto.Of(account, checkType, outcome, kind ?? FailureKindNames.Default(outcome), responseTime,
            lastCheck, errorMessage, httpStatus: null),
        timestamp,
        resultId);
}
