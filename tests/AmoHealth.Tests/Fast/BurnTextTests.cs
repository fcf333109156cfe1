using AmoHealth.Core.Alerting;
using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Tests.Fast;

/// <summary>The 🔥 and ✅ of a burn alert: their outbox kinds, the rates, the budget left and how long it lasts at this
/// rate, times in the team's zone, who took it; and the <c>ack_burn</c> command's one rule.</summary>
[Trait("Ring", "Fast")]
public sealed class BurnTextTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 0, 12, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Fact]
    public void AFireSaysTheRatesTheBudgetLeftAndWhenItIsGoneAtThisRate()
    {
        // 99.9 % over a period of 10,000 minutes allows 10 bad ones; 5 are spent: half is left, gone in 25 h at 14.4×.
        var objective = new SloOptions().For("acme", CheckType.Hook);
        var budget = objective.Budget(new MinuteTally(9_995, 5, 0, 0), TimeSpan.FromMinutes(10_000));

        var message = AlertMessages.For(new BurnStarted(objective, BurnRules.Fast, 14.4, 200, budget, false, At),
            AlertLanguages.For("en"), "https://m.example", Moscow);

        Assert.Equal((NotificationKinds.Burn, "acme", CheckType.Hook, (long?)null),
            (message.Kind, message.Account, message.CheckType, message.IncidentId));
        Assert.Equal("🔥 **Error budget burning: webhooks (HOOK) (rule fast)** — acme\n"
            + "Burn rate: 14.4× over 1h, 200× over 5m (threshold 14.4×)\n"
            + "Budget left: 50% (5 of 10 min over 30 d)\n"
            + "Target: 99.9% over 30 d\n"
            + "At this rate the budget is gone in 1 d 1 h 0 s\n"
            + "Since: 2026-12-07 03:12:00 (Europe/Moscow)\n"
            + "[Dashboard](https://m.example)", message.Text);
    }

    [Theory]
    [InlineData("ru", "✅ **Бюджет ошибок больше не сгорает: API (запись, POST) (правило slow)** — acme\n"
        + "Длилось: 1 ч 5 мин 0 с\nС 2026-12-07 03:12:00 по 2026-12-07 04:17:00 (Europe/Moscow)\nРазобрал(а): anna")]
    [InlineData("en", "✅ **Error budget no longer burning: API write (POST) (rule slow)** — acme\n"
        + "Lasted: 1 h 5 min 0 s\nFrom 2026-12-07 03:12:00 to 2026-12-07 04:17:00 (Europe/Moscow)\nHandled by anna")]
    public void AnAllClearSaysHowLongItBurnedAndWhoTookIt(string language, string text)
    {
        var message = AlertMessages.For(new BurnCleared("acme", CheckType.Post, BurnRules.Slow, At,
            At.AddMinutes(65), "anna"), AlertLanguages.For(language), null, Moscow);

        Assert.Equal((NotificationKinds.BurnCleared, text), (message.Kind, message.Text));
    }

    [Fact]
    public void TakingABurnAlertNeedsItsId()
    {
        var problem = CommandRules.Check(new OnCallCommand { Kind = OnCallCommandKinds.AcknowledgeBurn }, [], At);
        var fine = CommandRules.Check(new OnCallCommand { Kind = OnCallCommandKinds.AcknowledgeBurn, Id = 3 }, [], At);

        Assert.Equal(("id is required.", (string?)null), (problem, fine));
    }
}
