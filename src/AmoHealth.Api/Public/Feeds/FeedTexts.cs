using AmoHealth.Core.Alerting;

namespace AmoHealth.Api.Public.Feeds;

/// <summary>The words of the feeds and badges in one language (<c>?lang=ru|en</c>, default the page's).</summary>
public sealed record FeedTexts(
    string Code,
    IAlertLanguage Checks,
    string Outage,
    string Degradation,
    string Ongoing,
    string Incidents,
    string FeedDescription,
    string From,
    string To,
    string Minutes,
    string Hours,
    string Days,
    IReadOnlyDictionary<PublicState, string> States)
{
    public static readonly FeedTexts English = new(
        "en", EnglishAlerts.Instance, "outage", "degraded performance", "ongoing", "incidents",
        "Incidents of amoCRM as AmoHealth measured them, newest first, the last 90 days.", "from", "to", "min", "h",
        "d", new Dictionary<PublicState, string>
        {
            [PublicState.Operational] = "operational", [PublicState.Degraded] = "degraded",
            [PublicState.Down] = "down", [PublicState.Maintenance] = "maintenance",
            [PublicState.Unknown] = "not measured",
        });

    public static readonly FeedTexts Russian = new(
        "ru", RussianAlerts.Instance, "сбой", "деградация", "продолжается", "инциденты",
        "Инциденты amoCRM по замерам AmoHealth, новые сверху, за последние 90 дней.", "с", "до", "мин", "ч", "д",
        new Dictionary<PublicState, string>
        {
            [PublicState.Operational] = "работает", [PublicState.Degraded] = "с перебоями",
            [PublicState.Down] = "не работает", [PublicState.Maintenance] = "обслуживание",
            [PublicState.Unknown] = "не измеряется",
        });

    /// <summary>The texts for <paramref name="requested"/>, the page's language when none; null for a language we do
    /// not speak.</summary>
    public static FeedTexts? For(string? requested, string pageLanguage) =>
        (string.IsNullOrEmpty(requested) ? pageLanguage : requested) switch
        {
            "en" => English,
            "ru" => Russian,
            _ => null,
        };

    public string CheckName(string checkType) => Capitalized(Checks.CheckName(checkType));

    /// <summary><c>Webhooks (HOOK): outage</c>, with how long once it is over.</summary>
    public string Title(PublicIncident incident) =>
        $"{CheckName(incident.CheckType)}: {(incident.Impact == PublicState.Down ? Outage : Degradation)}"
        + (incident.Duration is { } duration ? $", {Duration(duration)}" : $", {Ongoing}");

    /// <summary><c>12 min</c>, <c>2 h 5 min</c>, <c>3 d 4 h</c>; under a minute <c>&lt;1 min</c>.</summary>
    public string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return $"<1 {Minutes}";
        }

        if (duration.TotalDays >= 1)
        {
            return $"{(int)duration.TotalDays} {Days} {duration.Hours} {Hours}";
        }

        return duration.TotalHours >= 1
            ? $"{(int)duration.TotalHours} {Hours} {duration.Minutes} {Minutes}"
            : $"{duration.Minutes} {Minutes}";
    }

    private static string Capitalized(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
