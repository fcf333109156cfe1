using System.Globalization;
using AmoHealth.Core.Slo;
using static AmoHealth.Core.Alerting.AlertFormat;

namespace AmoHealth.Core.Alerting;

/// <summary>The burn-rate alerts (🔥 and its ✅) and the daily summary's budget lines, from a language's phrases.
/// </summary>
public static class BurnText
{
    public static string Started(IAlertLanguage l, BurnStarted e, string? dashboard, TimeZoneInfo zone)
    {
        var o = e.Objective;
        var days = (int)o.Window.TotalDays;
        var lines = new List<string>
        {
            l.BurnTitle(o.CheckType, o.Account, e.Rule.Name),
            l.BurnRates(Rate(e.LongBurn), SloTallies.Label(e.Rule.Long), Rate(e.ShortBurn),
                SloTallies.Label(e.Rule.Short), Rate(e.Rule.Factor)),
            l.BudgetLeft(Percent(e.Budget.LeftFraction * 100), Number(e.Budget.LeftMinutes),
                Number(e.Budget.AllowedMinutes), days),
            l.BurnTarget(Percent(o.Target * 100), days),
            GoneIn(e.Budget, e.LongBurn, o.Window) is { } left ? l.BudgetGoneIn(Duration(left, l)) : l.BudgetSpent,
        };
        if (e.IncidentOpen)
        {
            lines.Add(l.BurnDuringIncident);
        }

        lines.Add(l.SinceLabel + Zoned(Time(e.At, zone), zone));
        return Finish(lines, dashboard, l);
    }

    public static string Cleared(IAlertLanguage l, BurnCleared e, string? dashboard, TimeZoneInfo zone)
    {
        var lines = new List<string>
        {
            l.BurnClearedTitle(e.CheckType, e.Account, e.Rule.Name),
            l.LastedLabel + Duration(e.At - e.OpenedAt, l),
            l.FromTo(Time(e.OpenedAt, zone), Zoned(Time(e.At, zone), zone)),
        };
        if (!string.IsNullOrWhiteSpace(e.AcknowledgedBy))
        {
            lines.Add(l.HandledBy(e.AcknowledgedBy));
        }

        return Finish(lines, dashboard, l);
    }

    /// <summary>How long the budget left lasts at <paramref name="rate"/> (1 spends the whole budget over the SLO
    /// window); null when it is spent already, the window's length when nothing burns.</summary>
    public static TimeSpan? GoneIn(ErrorBudget budget, double rate, TimeSpan window) =>
        budget.LeftFraction <= 0 ? null
        : rate <= 0 ? window
        : TimeSpan.FromMinutes(Math.Round(window.TotalMinutes * Math.Min(budget.LeftFraction, 1) / rate));

    public static string Rate(double rate) => rate.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double percent) => percent.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Number(double minutes) => minutes.ToString("0.#", CultureInfo.InvariantCulture);
}
