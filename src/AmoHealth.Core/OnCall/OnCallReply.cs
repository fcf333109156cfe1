using System.Text.Json.Serialization;

namespace AmoHealth.Core.OnCall;

/// <summary>The Prober's answer to an <see cref="OnCallCommand"/> (always HTTP 200; the verdict is
/// <see cref="Status"/>: <c>applied</c>, <c>not_found</c>, <c>conflict</c>, <c>invalid</c> or <c>forbidden</c>).
/// <see cref="Id"/> is what was created or changed; <see cref="Message"/> says why not, for a person.</summary>
public sealed record OnCallReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("id")] long? Id = null,
    [property: JsonPropertyName("message")] string? Message = null)
{
    public const string Applied = "applied";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string Invalid = "invalid";
    public const string Forbidden = "forbidden";
}
