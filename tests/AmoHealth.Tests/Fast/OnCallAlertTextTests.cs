using AmoHealth.Core.Alerting;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Tests.Fast;

/// <summary>The on-call alerts (🚨 escalation, 👤 taken, ✅ handled by) in Russian and English, and every alert that
/// shows a moment showing it in the team's zone and naming the zone once.</summary>
[Trait("Ring", "Fast")]
public sealed class OnCallAlertTextTests
{
    private const string English =
        "The write that should trigger the webhook failed: HTTP 503: expected 200";

    private static readonly DateTimeOffset Start = new(2026, 12, 7, 0, 12, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Theory]
    [InlineData("ru", "🚨 **Эскалация 2 из 3: amoCRM: API (чтение, GET) — никто не взял в работу** — acme\n"
        + "Открыт и не взят в работу уже 30 мин 0 с.\nНачало: 2026-12-07 03:12:00 (Europe/Moscow)\n"
        + "[Дашборд](https://m.example)")]
    [InlineData("en", "🚨 **Escalation 2 of 3: amoCRM: API read (GET) — nobody has taken it** — acme\n"
        + "Open and not taken for 30 min 0 s.\nSince: 2026-12-07 03:12:00 (Europe/Moscow)\n"
        + "[Dashboard](https://m.example)")]
    public void AnEscalationSaysItsStepThatNobodyTookItForHowLongAndLinksTheDashboard(string language, string text)
    {
        var message = AlertMessages.For(new IncidentEscalated(Incident(), 2, 3, Start.AddMinutes(30)),
            AlertLanguages.For(language), "https://m.example", Moscow);

        Assert.Equal(("escalated", 7L, text), (message.Kind, message.IncidentId!.Value, message.Text));
    }

    [Theory]
    [InlineData("ru", "👤 anna взял(а) в работу: API (чтение, GET) (acme) с 03:12 (Europe/Moscow)")]
    [InlineData("en", "👤 anna took it: API read (GET) (acme) since 03:12 (Europe/Moscow)")]
    public void AnAcknowledgementSaysWhoTookWhichCheckAndSinceWhenInTheTeamsZone(string language, string text)
    {
        var message = AlertMessages.For(new IncidentAcknowledged(Incident(), "anna", Start),
            AlertLanguages.For(language), "https://m.example", Moscow);

        Assert.Equal(("acknowledged", text), (message.Kind, message.Text));
    }

    [Theory]
    [InlineData("ru", "✅ **amoCRM: API (чтение, GET) восстановлен** — acme\nПростой: 1 мин 5 с\n"
        + "С 2026-12-07 03:12:00 по 2026-12-07 03:13:05 (Europe/Moscow)\nРазобрал(а): anna")]
    [InlineData("en", "✅ **amoCRM: API read (GET) is restored** — acme\nDowntime: 1 min 5 s\n"
        + "From 2026-12-07 03:12:00 to 2026-12-07 03:13:05 (Europe/Moscow)\nHandled by anna")]
    public void ARestoredAlertSaysWhenItWasDownAndWhoHandledIt(string language, string text)
    {
        var incident = Closed();
        incident.AcknowledgedBy = "anna";

        Assert.Equal(text, AlertText.Restored(AlertLanguages.For(language), incident, null, Moscow));
    }

    [Theory]
    [InlineData("ru", "Europe/Moscow", "03:12")]
    [InlineData("en", "Europe/Moscow", "03:12")]
    [InlineData("ru", "Asia/Vladivostok", "10:12")]
    [InlineData("en", "America/New_York", "19:12")]
    public void EveryAlertWithAMomentShowsItInTheTeamsZoneAndNamesTheZoneOnce(string language, string id, string at)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        var l = AlertLanguages.For(language);
        AlertEvent[] events =
        [
            new IncidentOpened(Incident(), Result(FailureKind.HttpStatus, "HTTP 503")),
            new IncidentClosed(Closed()),
            new IncidentStillOpen(Incident(), Start.AddMinutes(30)),
            new IncidentEscalated(Incident(), 1, 3, Start.AddMinutes(15)),
            new IncidentAcknowledged(Incident(), "anna", Start),
            new TokenExpiring("acme", Start, 3),
            new DailySummary("acme", [(CheckType.Get, 100, 0, 120)], Start.AddDays(-1), Start),
            new ProbingStopped("acme", Start, Start.AddMinutes(7)),
            new MonitorFaultRaised("acme", CheckType.Hook, [CheckType.Hook], FailureKind.Offline, "x", Start),
            new MonitorFaultCleared("acme", CheckType.Hook, [CheckType.Hook], Start.AddHours(-1), Start),
        ];

        foreach (var alert in events)
        {
            var text = AlertMessages.For(alert, l, "https://m.example", zone).Text;
            Assert.True(text.Split($"({id})").Length == 2, $"{alert.GetType().Name} names {id} once: {text}");
            Assert.Contains(at, text, StringComparison.Ordinal);
            Assert.DoesNotContain("UTC", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ru", "Запросы к API приостановлены до 03:13:30 (Europe/Moscow), как попросил amoCRM.")]
    [InlineData("en", "API requests are paused until 03:13:30 (Europe/Moscow), as amoCRM asked.")]
    public void AThrottledAlertSaysUntilWhenRequestsPauseInTheTeamsZone(string language, string line)
    {
        var incident = Incident();
        incident.Kind = Outcome.Throttled;
        var result = Result(FailureKind.Throttled, "HTTP 429") with { PausedUntil = Start.AddSeconds(90) };

        var text = AlertText.Down(AlertLanguages.For(language), incident, result, null, Moscow);

        Assert.Contains("\n" + line + "\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARussianDownAlertSaysWhatFailedByItsKindAndLeavesTheProbesEnglishToTheDashboard()
    {
        var text = AlertText.Down(RussianAlerts.Instance, Incident(), Result(FailureKind.NoDelivery, English), null,
            Moscow);

        Assert.Contains("\nОшибка: вебхук не доставлен вовремя\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The write", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEnglishDownAlertSaysWhatFailedByItsKindWithTheProbesMessageAsTheDetail()
    {
        // The message speaks of a timeout; only the kind (DNS) may decide the error line.
        var text = AlertText.Down(EnglishAlerts.Instance, Incident(), Result(FailureKind.Dns, "timeout after 10 s"),
            null, Moscow);

        Assert.Contains("\nError: amoCRM's host name does not resolve (DNS)\nDetails: timeout after 10 s\n", text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLanguageDescribesEveryFailureKindInItsOwnWords()
    {
        foreach (var kind in Enum.GetValues<FailureKind>())
        {
            var ru = RussianAlerts.Instance.Failure(kind, 503);
            var en = EnglishAlerts.Instance.Failure(kind, 503);
            Assert.False(string.IsNullOrWhiteSpace(ru) || string.IsNullOrWhiteSpace(en), kind.ToName());
            Assert.NotEqual(ru, en);
        }
    }

    private static IncidentRecord Incident() => new()
    {
        Id = 7, Account = "acme", CheckType = CheckType.Get, Kind = Outcome.Down,
        StartTime = Start.ToUnixTimeMilliseconds(),
    };

    private static IncidentRecord Closed()
    {
        var incident = Incident();
        incident.EndTime = Start.AddSeconds(65).ToUnixTimeMilliseconds();
        incident.Duration = 65_000;
        return incident;
    }

    private static ProbeResult Result(FailureKind kind, string error) =>
        new("acme", CheckType.Get, Outcome.Down, 812, Start.ToUnixTimeMilliseconds(), 503, error) { Kind = kind };
}
