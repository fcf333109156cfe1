namespace AmoHealth.Api.Queries;

/// <summary>One entry of an incident's timeline. <c>kind</c>: opened, acknowledged, escalated, note, reminder,
/// silenced, unsilenced or closed; <c>actor</c> null for what AmoHealth did by itself; <c>isPublic</c> is meaningful
/// for notes only (internal by default).</summary>
public sealed record TimelineEntryDto(long Id, long At, string Kind, string? Actor, string? Text, bool IsPublic);
