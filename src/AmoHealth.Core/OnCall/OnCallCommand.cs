using System.Text.Json.Serialization;

namespace AmoHealth.Core.OnCall;

/// <summary>A person's action as the Api passes it to the Prober (<c>POST /internal/oncall</c>), which applies it in
/// one transaction. <see cref="Kind"/> says which fields matter: see <see cref="OnCallCommandKinds"/>. Times are Unix
/// milliseconds.</summary>
public sealed record OnCallCommand
{
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>The incident (ack, note), the burn alert (ack_burn) or the silence or window to end (end_silence,
    /// end_maintenance).</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    [JsonPropertyName("text")] public string? Text { get; init; }

    [JsonPropertyName("isPublic")] public bool? IsPublic { get; init; }

    [JsonPropertyName("account")] public string? Account { get; init; }

    [JsonPropertyName("checkType")] public string? CheckType { get; init; }

    [JsonPropertyName("startsAt")] public long? StartsAt { get; init; }

    [JsonPropertyName("endsAt")] public long? EndsAt { get; init; }

    [JsonPropertyName("minutes")] public int? Minutes { get; init; }

    [JsonPropertyName("weekday")] public int? Weekday { get; init; }

    [JsonPropertyName("startTime")] public string? StartTime { get; init; }

    [JsonPropertyName("durationMinutes")] public int? DurationMinutes { get; init; }

    [JsonPropertyName("endOnRecovery")] public bool? EndOnRecovery { get; init; }

    [JsonPropertyName("reason")] public string? Reason { get; init; }

    /// <summary>A status page's address (publish_status, unpublish_status).</summary>
    [JsonPropertyName("slug")] public string? Slug { get; init; }

    [JsonPropertyName("title")] public string? Title { get; init; }

    [JsonPropertyName("minIncidentMinutes")] public int? MinIncidentMinutes { get; init; }

    [JsonPropertyName("indexing")] public bool? Indexing { get; init; }

    /// <summary><c>dashboard</c>, <c>api</c>, <c>mattermost</c> or <c>telegram</c>: written on the timeline.</summary>
    [JsonPropertyName("source")] public string? Source { get; init; }
}
