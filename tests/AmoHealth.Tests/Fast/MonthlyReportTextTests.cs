using AmoHealth.Core.Alerting;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Reports;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;

namespace AmoHealth.Tests.Fast;

/// <summary>The 📊 post of the monthly report in both languages: one line per check, the accounting, the link.
/// </summary>
[Trait("Ring", "Fast")]
public sealed class MonthlyReportTextTests
{
    private static readonly MonthlyReport Report = new(
        new ReportMonth(2026, 11), "Europe/Moscow", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch, null,
        [
            new CheckReport("acme", CheckType.Get, new MinuteTally(43_090, 20, 30, 60), 0,
                [new KindCount(Outcome.Down, 2)], TimeSpan.FromMinutes(12), 240,
                new SloOptions().For("acme", CheckType.Get)),
            new CheckReport("acme", CheckType.Post, new MinuteTally(0, 0, 5, 0), 43_195, [], null, null,
                new SloOptions { Target = 99 }.For("acme", CheckType.Post)),
            new CheckReport("other", CheckType.Get, new MinuteTally(1, 0, 0, 0), 0, [], null, null,
                new SloOptions().For("other", CheckType.Get)),
        ]);

    [Fact]
    public void TheRussianPostGivesEachCheckOfTheAccountAndTheLink()
    {
        var message = AlertMessages.For(new MonthlyReportReady("acme", Report, "http://127.0.0.1/r"),
            RussianAlerts.Instance, "http://127.0.0.1/dashboard");

        Assert.Equal(NotificationKinds.MonthlyReport, message.Kind);
        Assert.Equal(
            "📊 **Отчёт о работе amoCRM за ноябрь 2026** — acme\n"
            + "API (чтение, GET): доступность 99.954% · инцидентов: 2 · MTTR: 12 мин 0 с · SLO 99.9%: выполнено · "
            + "бюджет израсходован: 46.4%\n"
            + "API (запись, POST): доступность — · инцидентов: 0 · MTTR: — · SLO 99%: не измерено · "
            + "бюджет израсходован: —\n"
            + RussianAlerts.Instance.MonthlyReportAccounting + "\n"
            + "[Отчёт полностью](http://127.0.0.1/r)",
            message.Text);
    }

    [Fact]
    public void TheEnglishPostSaysWhetherTheTargetWasMetAndHasNoLinkWithoutOne()
    {
        var message = AlertMessages.For(new MonthlyReportReady("acme", Report, null), EnglishAlerts.Instance, null);

        Assert.StartsWith("📊 **amoCRM monthly report, November 2026** — acme\n"
            + "API read (GET): uptime 99.954% · incidents: 2 · MTTR: 12 min 0 s · SLO 99.9%: met · budget spent: 46.4%",
            message.Text);
        Assert.DoesNotContain("other", message.Text);
        Assert.EndsWith(EnglishAlerts.Instance.MonthlyReportAccounting, message.Text);
    }

    // 99.9 % of November's 43,200 minutes allows 43.2 bad ones.
    [Theory]
    [InlineData(20, 0, true)]
    [InlineData(20, 23, true)]
    [InlineData(20, 24, null)]
    [InlineData(44, 0, false)]
    [InlineData(44, 500, false)]
    public void TheTargetIsMetOrMissedOnlyWhenTheMinutesNobodyProbedCouldNotChangeIt(int bad, int noData,
        bool? met)
    {
        var check = new CheckReport("acme", CheckType.Get, new MinuteTally(43_200 - bad - noData, bad, 0, 0),
            noData, [], null, null, new SloOptions().For("acme", CheckType.Get));

        Assert.Equal(43.2, check.Budget.AllowedMinutes, 9);
        Assert.Equal(met, check.Met);
    }
}
