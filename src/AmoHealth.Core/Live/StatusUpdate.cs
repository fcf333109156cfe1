using System.Text.Json.Serialization;
using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Live;

/// <summary>
/// The seed's SSE message, kept exactly:
/// <c>{"type":"status_update","checkType":"GET","data":{...},"timestamp":...}</c>. <c>account</c> and the
/// finer <c>outcome</c> are added fields; seed clients ignore them.
/// </summary>
public sealed record StatusUpdate(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("checkType")] string CheckType,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("data")] StatusUpdateData Data,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("resultId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ResultId = null)
{
    public const string EventType = "status_update";

    public static StatusUpdate From(ProbeResult result, long timestamp) => Create(
        result.Account, result.CheckType, result.Outcome, result.ResponseTimeMs, result.Timestamp, result.ErrorMessage, timestamp,
        result.StoredId > 0 ? result.StoredId : null);

    /// <param name="lastCheck">When the reported probe started, Unix milliseconds.</param>
    /// <param name="timestamp">When this message is sent, Unix milliseconds.</param>
    public static StatusUpdate Create(
        string account,
        string checkType,
        Outcome outcome,
        int? responseTime,
        long lastCheck,
        string? errorMessage,
        long timestamp,
        long? resultId = null) => new(
        EventType,
        checkType,
        account,
        new StatusUpdateData(outcome.ToStatus(), outcome.ToName(), responseTime, lastCheck, errorMessage),
        timestamp,
        resultId);
}
