using System.Text.Json.Serialization;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Live;

/// <summary>An incident opened or closed, streamed as the named SSE events <c>incident_opened</c> and
/// <c>incident_closed</c> (seed clients listening with <c>onmessage</c> never see them).</summary>
public sealed record IncidentEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("checkType")] string CheckType,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("startTime")] long StartTime,
    [property: JsonPropertyName("endTime")] long? EndTime,
    [property: JsonPropertyName("duration")] long? Duration,
    [property: JsonPropertyName("details")] string? Details,
    [property: JsonPropertyName("timestamp")] long Timestamp)
{
    public const string Opened = "incident_opened";

    public const string Closed = "incident_closed";

    public static IncidentEvent From(IncidentRecord incident, long timestamp) => new(
        incident.EndTime is null ? Opened : Closed,
        incident.Id, incident.Account, incident.CheckType, incident.Kind.ToName(), incident.StartTime, incident.EndTime,
        incident.Duration, incident.Details, timestamp);
}

/// <summary>Just the <c>type</c> of a live message, to route it without parsing the rest.</summary>
public sealed record LiveEnvelope(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("resultId")] long? ResultId = null);
