using AmoHealth.Core.Alerting;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Tests.Fast;

/// <summary>Every alert reads right in Russian and English and picks its words by kind, never by prose.</summary>
[Trait("Ring", "Fast")]
public sealed class AlertTextTests
{
    private const string RuStopped = "⚠️ **AmoHealth не проверяет amoCRM с 2026-03-02 13:00:00 (Europe/Moscow)**\n"
        + "Новых результатов нет уже 7 мин. Проверьте службу Prober (amohealth-prober) и её журнал.";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    public static TheoryData<string, Outcome, string> DownTitles => new()
    {
        { "ru", Outcome.Down, "🔴 **amoCRM: API (чтение, GET) не работает** — acme" },
        { "en", Outcome.Down, "🔴 **amoCRM: API read (GET) is down** — acme" },
        { "ru", Outcome.Degraded, "🔴 **amoCRM: API (чтение, GET) не работает** — acme" },
        { "en", Outcome.Degraded, "🔴 **amoCRM: API read (GET) is down** — acme" },
        { "ru", Outcome.AuthFailed, "🔑 **amoCRM не принимает токен AmoHealth** — acme" },
        { "en", Outcome.AuthFailed, "🔑 **amoCRM rejects AmoHealth's token** — acme" },
        { "ru", Outcome.Throttled, "⚠️ **amoCRM ограничивает запросы AmoHealth (HTTP 429)** — acme" },
        { "en", Outcome.Throttled, "⚠️ **amoCRM is rate limiting AmoHealth (HTTP 429)** — acme" },
        { "ru", Outcome.Blocked, "⚠️ **amoCRM заблокировал доступ к аккаунту (HTTP 403)** — acme" },
        { "en", Outcome.Blocked, "⚠️ **amoCRM blocked access to the account (HTTP 403)** — acme" },
        { "ru", Outcome.Billing, "⚠️ **Аккаунт amoCRM не оплачен (HTTP 402)** — acme" },
        { "en", Outcome.Billing, "⚠️ **The amoCRM account is not paid (HTTP 402)** — acme" },
    };

    public static TheoryData<string, Outcome, string> RestoredTitles => new()
    {
        { "ru", Outcome.Down, "✅ **amoCRM: API (чтение, GET) восстановлен** — acme\nПростой: 1 мин 5 с" },
        { "en", Outcome.Down, "✅ **amoCRM: API read (GET) is restored** — acme\nDowntime: 1 min 5 s" },
        { "ru", Outcome.AuthFailed, "✅ **amoCRM снова принимает токен AmoHealth** — acme" },
        { "en", Outcome.AuthFailed, "✅ **amoCRM accepts AmoHealth's token again** — acme" },
        { "ru", Outcome.Throttled, "✅ **amoCRM снова отвечает на запросы AmoHealth** — acme\nДлилось: 1 мин 5 с" },
        { "en", Outcome.Blocked, "✅ **amoCRM answers AmoHealth's requests again** — acme\nLasted: 1 min 5 s" },
        { "ru", Outcome.Billing, "✅ **amoCRM снова отвечает на запросы AmoHealth** — acme\nДлилось: 1 мин 5 с" },
    };

    [Theory]
    [MemberData(nameof(DownTitles))]
    public void ADownAlertOpensWithTheTitleOfItsIncidentKindInItsLanguage(string language, Outcome kind, string title)
    {
        var text = AlertText.Down(AlertLanguages.For(language), Incident(kind), Result(kind, "HTTP 503"), null, Moscow);

        Assert.Equal(title, text.Split('\n')[0]);
    }

    [Theory]
    [MemberData(nameof(RestoredTitles))]
    public void ARestoredAlertSaysWhatCameBackAndForHowLongItWasGone(string language, Outcome kind, string expected)
    {
        var incident = Incident(kind);
        incident.Duration = (long)TimeSpan.FromSeconds(65).TotalMilliseconds;

        Assert.Equal(expected, AlertText.Restored(AlertLanguages.For(language), incident, null, Moscow));
    }

    [Fact]
    public void AnOutageAlertCarriesTheProbesReasonTheStatusTheTimingTheStartAndTheDashboard()
    {
        var text = AlertText.Down(
            RussianAlerts.Instance, Incident(Outcome.Down), Result(Outcome.Down, "HTTP 503"), "https://m.example",
            Moscow);

        Assert.Equal(
            "🔴 **amoCRM: API (чтение, GET) не работает** — acme\nОшибка: amoCRM ответил HTTP 503\n"
            + "HTTP: 503 · время ответа: 812 мс\nНачало: 2026-03-02 13:00:00 (Europe/Moscow)\n"
            + "[Дашборд](https://m.example)",
            text);
    }

    [Fact]
    public void WebhooksTakeThePluralVerbInRussianInEveryIncidentAlert()
    {
        var hook = Incident(Outcome.Down, CheckType.Hook);
        hook.Duration = 1_000;

        var l = RussianAlerts.Instance;
        var down = AlertText.Down(l, hook, Result(Outcome.Down, "x"), null, Moscow);
        Assert.StartsWith("🔴 **amoCRM: вебхуки (HOOK) не работают**", down);
        Assert.StartsWith("✅ **amoCRM: вебхуки (HOOK) восстановлены**", AlertText.Restored(l, hook, null, Moscow));
        Assert.StartsWith("⏳ **amoCRM: вебхуки (HOOK) всё ещё не работают**",
            AlertText.Reminder(RussianAlerts.Instance, hook, Start.AddHours(1), null, Moscow));
    }

    [Theory]
    [InlineData("ru", "⏳ **amoCRM: API (чтение, GET) всё ещё не работает** — acme\nУже: 1 ч 30 мин 0 с\n"
        + "Начало: 2026-03-02 13:00:00 (Europe/Moscow)")]
    [InlineData("en", "⏳ **amoCRM: API read (GET) is still down** — acme\nFor: 1 h 30 min 0 s\n"
        + "Since: 2026-03-02 13:00:00 (Europe/Moscow)")]
    public void AReminderSaysHowLongTheIncidentHasBeenOpen(string language, string expected) => Assert.Equal(
        expected,
        AlertText.Reminder(AlertLanguages.For(language), Incident(Outcome.Down), Start.AddMinutes(90), null, Moscow));

    [Theory]
    [InlineData(FailureKind.ReceiverUnreachable, "проверьте PUBLIC_URL, Nginx и службу", "check PUBLIC_URL, Nginx")]
    [InlineData(FailureKind.Configuration, "исправьте настройку", "correct the setting")]
    [InlineData(FailureKind.Offline, "у сервера AmoHealth нет сети", "has no network")]
    [InlineData(FailureKind.MonitorError, "смотрите журнал Prober", "see the Prober's log")]
    public void AMonitorFaultsRemedyFollowsItsKindWhateverTheReasonSays(FailureKind kind, string ru, string en)
    {
        // The reason names every old keyword: only the kind may decide.
        const string reason = "Configuration error: the receiver is offline";

        var russian = AlertText.MonitorFault(RussianAlerts.Instance, "acme", ["HOOK"], kind, reason, Start, Moscow);
        var english = AlertText.MonitorFault(EnglishAlerts.Instance, "acme", ["HOOK"], kind, reason, Start, Moscow);

        Assert.Contains("Что исправить: " + RussianAlerts.Instance.Remedy(kind), russian, StringComparison.Ordinal);
        Assert.Contains(ru, russian, StringComparison.Ordinal);
        Assert.Contains(en, english, StringComparison.Ordinal);
        Assert.Contains("Причина: " + reason, russian, StringComparison.Ordinal);
    }

    [Fact]
    public void AConfigurationFaultWhoseMessageMentionsTheReceiverGetsTheConfigurationRemedy()
    {
        var text = AlertText.MonitorFault(EnglishAlerts.Instance, "acme", ["DP"], FailureKind.Configuration,
            "stage 142 of the receiver pipeline does not exist", Start, Moscow);

        Assert.Contains(
            "What to fix: correct the setting the reason names and restart the Prober.",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("webhook receiver", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "⚠️ **AmoHealth: проверки HOOK, DP не работают по вине самого AmoHealth** — acme",
        "✅ **AmoHealth: проверки HOOK, DP снова работают** — acme\nНе работали с 2026-03-02 13:00:00 по "
        + "2026-03-02 13:02:03 (Europe/Moscow): 2 мин 3 с.")]
    [InlineData("en", "⚠️ **AmoHealth: the HOOK, DP checks fail because of AmoHealth itself** — acme",
        "✅ **AmoHealth: the HOOK, DP checks work again** — acme\nThey failed from 2026-03-02 13:00:00 to "
        + "2026-03-02 13:02:03 (Europe/Moscow): 2 min 3 s.")]
    public void AMonitorFaultAndItsAllClearNameTheChecksAndTheSpan(string language, string raised, string cleared)
    {
        var l = AlertLanguages.For(language);

        var fault = AlertText.MonitorFault(l, "acme", ["HOOK", "DP"], FailureKind.Offline, "x", Start, Moscow);
        Assert.Equal(raised, fault.Split('\n')[0]);
        Assert.Equal(cleared, AlertText.MonitorFaultCleared(l, "acme", ["HOOK", "DP"], Start, Start.AddSeconds(123),
            Moscow));
    }

    [Theory]
    [InlineData("ru", RuStopped, "✅ **AmoHealth снова проверяет amoCRM** (перерыв 9 мин)")]
    [InlineData("en", "⚠️ **AmoHealth has not checked amoCRM since 2026-03-02 13:00:00 (Europe/Moscow)**\n"
        + "No new results for 7 min. Check the Prober service (amohealth-prober) and its log.",
        "✅ **AmoHealth checks amoCRM again** (gap 9 min)")]
    [InlineData("de", RuStopped, "✅ **AmoHealth снова проверяет amoCRM** (перерыв 9 мин)")]
    public void TheNotProbingAlertAndItsAllClearAreOneTableForTheProberAndTheApi(
        string language, string stopped, string resumed)
    {
        var l = AlertLanguages.For(language);
        var everything = new ProbingStopped(AlertMessages.Everything, Start, Start.AddSeconds(7 * 60 + 59));
        var resumes = new ProbingResumed(AlertMessages.Everything, Start, Start.AddMinutes(9));

        Assert.Equal(stopped, AlertMessages.For(everything, l, null, Moscow).Text);
        Assert.Equal(resumed, AlertMessages.For(resumes, l, null, Moscow).Text);
        Assert.Equal(
            stopped.Replace("amoCRM с", "acme с", StringComparison.Ordinal)
                .Replace("amoCRM since", "acme since", StringComparison.Ordinal),
            AlertMessages.For(everything with { Account = "acme" }, l, null, Moscow).Text);
    }

    [Fact]
    public void EveryLanguageNamesEveryCheckAndHasARemedyForEveryKind()
    {
        foreach (var l in AlertLanguages.All)
        {
            Assert.All(CheckType.All, check => Assert.NotEqual(check, l.CheckName(check)));
            Assert.All(Enum.GetValues<FailureKind>(), kind => Assert.False(string.IsNullOrWhiteSpace(l.Remedy(kind))));
            Assert.Same(l, AlertLanguages.For(l.Code));
        }
    }

    private static IncidentRecord Incident(Outcome kind, string check = CheckType.Get) => new()
    {
        Id = 7, Account = "acme", CheckType = check, Kind = kind, StartTime = Start.ToUnixTimeMilliseconds(),
    };

    private static ProbeResult Result(Outcome outcome, string error) =>
        new("acme", CheckType.Get, outcome, 812, Start.ToUnixTimeMilliseconds(), 503, error);
}
