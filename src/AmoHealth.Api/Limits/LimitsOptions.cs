using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Api.Limits;

/// <summary>How much of the Api one user (or, without a signed-in user, one address) may hold at once. Section
/// <c>Api:Limits</c>.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Api:Limits";

    /// <summary>CSV exports running at once per user or address. Default 2; the next one is answered 429.</summary>
    [Range(1, 1_000)]
    public int CsvPerClient { get; set; } = 2;

    /// <summary>Live streams (<c>/api/stream</c>) open at once per user or address. Default 8 (a few tabs); the next
    /// one is answered 429.</summary>
    [Range(1, 1_000)]
    public int StreamsPerClient { get; set; } = 8;

    /// <summary>Actions (acknowledge, note, silence, maintenance) per minute per user or address. Default 30; the next
    /// one is answered 429.</summary>
    [Range(1, 10_000)]
    public int ActionsPerMinute { get; set; } = 30;
}
