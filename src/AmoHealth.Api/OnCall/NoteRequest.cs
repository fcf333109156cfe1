namespace AmoHealth.Api.OnCall;

/// <summary>The body of <c>POST /api/incidents/{id}/notes</c>: <c>text</c> 1..2000 characters; <c>isPublic</c> false
/// (internal, the default) or true (for the status page).</summary>
public sealed record NoteRequest(string? Text, bool? IsPublic)
{
    public const int MaxText = 2_000;
}
