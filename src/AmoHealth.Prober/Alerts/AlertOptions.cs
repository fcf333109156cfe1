using System.ComponentModel.DataAnnotations;

namespace AmoHealth.Prober.Alerts;

/// <summary>When a failure becomes an incident, and how alerts read. Section <c>Alerts</c>.</summary>
public sealed class AlertOptions : IValidatableObject
{
    public const string SectionName = "Alerts";

    /// <summary>
    /// Seconds after a failure at which it is checked again; the incident opens only if every re-check fails
    /// too. Default 5 and 15: a single blip never alerts, a real outage alerts within about 20 s.
    /// </summary>
    public List<int> ConfirmAfterSeconds { get; set; } = [];

    /// <summary>Consecutive successes that close an incident. Default 2.</summary>
    [Range(1, 10)]
    public int RecoverAfterSuccesses { get; set; } = 2;

    /// <summary><c>ru</c> (default, as in the seed) or <c>en</c>.</summary>
    [RegularExpression("^(ru|en)$")]
    public string Language { get; set; } = "ru";

    /// <summary>Link in every alert. Default: <c>PUBLIC_URL</c>.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>The confirmation schedule in force (default 5 s, 15 s).</summary>
    public IReadOnlyList<TimeSpan> Confirmations =>
        (ConfirmAfterSeconds.Count > 0 ? ConfirmAfterSeconds : [5, 15]).Select(s => TimeSpan.FromSeconds(s)).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConfirmAfterSeconds.Any(s => s is < 0 or > 3_600) || ConfirmAfterSeconds.Count > 10)
        {
            yield return new ValidationResult("Alerts:ConfirmAfterSeconds must be up to 10 delays of 0 to 3600 seconds.", [nameof(ConfirmAfterSeconds)]);
        }
    }
}
