namespace AmoHealth.Api.Public.Feeds;

/// <summary>Statuspage's <c>page</c>: the slug as its id; times are ISO 8601 with the page zone's offset.</summary>
public sealed record StatuspagePage(string Id, string Name, string Url, string TimeZone, string UpdatedAt);

/// <summary>Statuspage's <c>status</c>: <c>indicator</c> none, minor, major, critical or maintenance.</summary>
public sealed record StatuspageStatus(string Indicator, string Description);
