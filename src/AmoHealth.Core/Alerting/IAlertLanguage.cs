using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Alerting;

/// <summary>Every phrase of every alert in one language: one class per language implements it, so a language is a table
/// a translator can read and a missing phrase does not compile. <see cref="AlertText"/> puts the phrases
/// together.</summary>
public interface IAlertLanguage
{
    /// <summary>The <c>Alerts:Language</c> value that selects it.</summary>
    string Code { get; }

    string CheckName(string checkType);

    string DownTitle(string checkType, string account);

    string StillDownTitle(string checkType, string account);

    string RestoredTitle(string checkType, string account);

    string TokenRejectedTitle(string account);

    string TokenRejectedNote { get; }

    string TokenAcceptedTitle(string account);

    string AnswersAgainTitle(string account);

    string ThrottledTitle(string account);

    string ThrottledNote { get; }

    string ThrottledAdvice { get; }

    /// <param name="until">The moment, written and zoned.</param>
    string PausedUntil(string until);

    string BlockedTitle(string account);

    string BlockedNote { get; }

    string BlockedAdvice { get; }

    string BillingTitle(string account);

    string BillingNote { get; }

    string BillingAdvice { get; }

    string MonitorFaultTitle(string checks, string account);

    string MonitorFaultNote { get; }

    /// <summary>What to fix for a failure of AmoHealth's own, by its kind (never by its message).</summary>
    string Remedy(FailureKind kind);

    string MonitorFaultCleared(string checks, string account, string since, string until, string lasted);

    string NotProbing(string account, string since, int minutes);

    string ProbingAgain(string account, int minutes);

    string TokenExpiring(string account, int daysLeft, string date);

    string TestLeadReplaced(string account, long oldId, long newId);

    string TestLeadSetting(long oldId, long newId);

    string SummaryTitle(string account);

    string SummaryIncidents(int count);

    string DashboardLink(string url);

    // The monthly report posted on the 1st (Reports:MonthlyPost): title, one line per check, the accounting, link.
    /// <summary>📊 the month's report of an account; <paramref name="month"/> is written ("ноябрь 2026").</summary>
    string MonthlyReportTitle(string account, string month);

    /// <summary>One check's month: uptime by time (written), incidents, MTTR (written), SLO verdict, budget spent.
    /// </summary>
    string MonthlyReportLine(string check, string uptime, int incidents, string mttr, string slo, string budget);

    /// <summary>The SLO's target (written percent) and whether it was met; null: no minute was judged.</summary>
    string MonthlyReportSlo(string target, bool? met);

    /// <summary>What uptime by time counts, in one line.</summary>
    string MonthlyReportAccounting { get; }

    string MonthlyReportLink(string url);

    /// <summary>🚨 escalation <paramref name="step"/> of <paramref name="steps"/>: nobody took the incident.</summary>
    string EscalatedTitle(string checkType, string account, int step, int steps);

    /// <summary>How long the incident has been open without anyone taking it.</summary>
    string NotTakenFor(string lasted);

    /// <summary>👤 <paramref name="who"/> took the incident of a check since a (zoned) moment.</summary>
    string Acknowledged(string who, string checkType, string account, string since);

    /// <summary>Who took the incident, on its ✅.</summary>
    string HandledBy(string who);

    /// <summary>A span between two written moments (the second one zoned).</summary>
    string FromTo(string from, string to);

    /// <summary>What failed, by the result's kind (never by its message); the HTTP status when there was one.</summary>
    string Failure(FailureKind kind, int? httpStatus);

    /// <summary>The probe's own message (English) as a detail line, or null where it would not be read.</summary>
    string? Detail(string? message);

    string ErrorLabel { get; }

    string SinceLabel { get; }

    string StatusLabel { get; }

    string ReasonLabel { get; }

    string RemedyLabel { get; }

    string FaultSinceLabel { get; }

    string LastedLabel { get; }

    string DowntimeLabel { get; }

    string StillDownForLabel { get; }

    string ResponseTimeLabel { get; }

    string Milliseconds { get; }

    /// <summary>Units of a duration: days, hours, minutes, seconds.</summary>
    (string Days, string Hours, string Minutes, string Seconds) Units { get; }

    // Burn-rate alerts (Slo:BurnAlerts): the 🔥 page, its ✅, and the daily summary's budget and ticket lines.

    /// <summary>🔥 <paramref name="rule"/> (fast, slow) fired for a check's error budget.</summary>
    string BurnTitle(string checkType, string account, string rule);

    /// <summary>The two windows' burn rates (×) and the rule's factor.</summary>
    string BurnRates(string longRate, string longWindow, string shortRate, string shortWindow, string factor);

    /// <summary>The budget left over the SLO window: percent, minutes left of minutes allowed.</summary>
    string BudgetLeft(string percent, string leftMinutes, string allowedMinutes, int windowDays);

    string BurnTarget(string percent, int windowDays);

    /// <summary>When the budget is gone at the long window's rate.</summary>
    string BudgetGoneIn(string lasted);

    string BudgetSpent { get; }

    /// <summary>Said on a 🔥 while the check's incident is open: not held back, but named as the same outage.</summary>
    string BurnDuringIncident { get; }

    string BurnClearedTitle(string checkType, string account, string rule);

    /// <summary>A check's budget left in the daily summary.</summary>
    string SummaryBudget(string checkType, string percent, string leftMinutes, string target);

    /// <summary>An open ticket (1× over 3 days and 6 h) in the daily summary, since a written moment.</summary>
    string SummaryTicket(string checkType, string since);
}
