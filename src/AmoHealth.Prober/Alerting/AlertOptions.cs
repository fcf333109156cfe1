using System.ComponentModel.DataAnnotations;
using AmoHealth.Core.Alerting;

namespace AmoHealth.Prober.Alerting;

/// <summary>When a failure becomes an incident, and how alerts read. Section <c>Alerts</c>.</summary>
public sealed class AlertOptions : IValidatableObject
{
    public const string SectionName = "Alerts";

    /// <summary>Seconds after a failure at which it is checked again (increasing, counted from the failure); the
    /// incident opens only if every re-check fails too. Default 5 and 15: a single blip never alerts, and a real outage
    /// is confirmed 15 s after the first failed probe.</summary>
    public List<int> ConfirmAfterSeconds { get; set; } = [];

    /// <summary>Consecutive successes that close an incident. Default 2.</summary>
    [Range(1, 10)]
    public int RecoverAfterSuccesses { get; set; } = 2;

    /// <summary><c>ru</c> (default, as in the seed) or <c>en</c>.</summary>
    [RegularExpression("^(ru|en)$")]
    public string Language { get; set; } = "ru";

    /// <summary>Down alerts of one account that open within this many seconds go out as one message. Default 3: the
    /// checks of an account start together, so one outage confirms them within moments of each other. 0 sends each
    /// alert on its own.</summary>
    [Range(0, 300)]
    public int GroupWindowSeconds { get; set; } = 3;

    /// <summary>Minutes a channel may keep failing before <c>/health</c> reports it degraded. Default 10.</summary>
    [Range(1, 1_440)]
    public int ChannelFailingMinutes { get; set; } = 10;

    /// <summary>Maintenance windows: alerts are held until the window ends; probing goes on.</summary>
    public List<MaintenanceWindow> Maintenance { get; set; } = [];

    /// <summary>A reminder while an incident stays open, every this many minutes. Default 30; 0 for none.</summary>
    [Range(0, 10_080)]
    public int RemindEveryMinutes { get; set; } = 30;

    /// <summary>Days before a token's expiry at which to warn. Default 14, 3 and 1.</summary>
    public List<int> TokenWarningDays { get; set; } = [];

    public IReadOnlyList<int> TokenWarnings =>
        (TokenWarningDays.Count > 0 ? TokenWarningDays : [14, 3, 1]).OrderDescending().ToList();

    /// <summary>The team's time zone (IANA id): every time an alert shows is in it, named once per message, and the
    /// daily summary's day is its date. Default <c>Europe/Moscow</c>.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>Hour of the daily summary (uptime, incidents, p95) in <see cref="TimeZone"/>; -1: none. Default 9.
    /// Wins over <see cref="DailySummaryHourUtc"/> when both are set.</summary>
    [Range(-1, 23)]
    public int? DailySummaryHour { get; set; }

    /// <summary>The older setting: the hour in UTC; used when <see cref="DailySummaryHour"/> is not set.</summary>
    [Range(-1, 23)]
    public int? DailySummaryHourUtc { get; set; }

    /// <summary>Who is told next when nobody takes an incident (<c>Alerts:Escalation</c>). Default: nobody.</summary>
    public EscalationOptions Escalation { get; set; } = new();

    /// <summary>The zone of <see cref="TimeZone"/> (validated at start), UTC if it was never validated.</summary>
    public TimeZoneInfo Zone() => TeamZone.Find(TimeZone) ?? TimeZoneInfo.Utc;

    /// <summary>A reference URL outside amoCRM (any site that is always up). When a probe fails without any HTTP answer
    /// and this is unreachable too, AmoHealth is offline: no amoCRM incident. Default: none (no self-check).</summary>
    public string? ReferenceUrl { get; set; }

    /// <summary>Link in every alert. Default: <c>PUBLIC_URL</c>.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>The confirmation schedule in force (default 5 s, 15 s).</summary>
    public IReadOnlyList<TimeSpan> Confirmations =>
        (ConfirmAfterSeconds.Count > 0 ? ConfirmAfterSeconds : [5, 15]).Select(s => TimeSpan.FromSeconds(s)).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TeamZone.Find(TimeZone) is null)
        {
            yield return new ValidationResult(
                $"Alerts:TimeZone '{TimeZone}' is not a known IANA time zone id (e.g. Europe/Moscow).",
                [nameof(TimeZone)]);
        }

        foreach (var problem in Escalation.Problems())
        {
            yield return new ValidationResult(problem, [nameof(Escalation)]);
        }

        for (var i = 0; i < Maintenance.Count; i++)
        {
            if (Maintenance[i].End <= Maintenance[i].Start)
            {
                yield return new ValidationResult($"Alerts:Maintenance:{i}:End must be after its Start.",
                    [nameof(Maintenance)]);
            }
        }

        if (ConfirmAfterSeconds.Zip(ConfirmAfterSeconds.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            yield return new ValidationResult(
                "Alerts:ConfirmAfterSeconds must increase (they count from the failure).",
                [nameof(ConfirmAfterSeconds)]);
        }

        if (ConfirmAfterSeconds.Any(s => s is < 0 or > 3_600) || ConfirmAfterSeconds.Count > 10)
        {
            yield return new ValidationResult("Alerts:ConfirmAfterSeconds must be up to 10 delays of 0 to 3600 "
                + "seconds.", [nameof(ConfirmAfterSeconds)]);
        }
    }
}
