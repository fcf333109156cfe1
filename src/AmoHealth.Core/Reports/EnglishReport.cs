using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Reports;

/// <summary>The monthly report in English.</summary>
public sealed class EnglishReport : IReportLanguage
{
    public static readonly EnglishReport Instance = new();

    private static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ];

    public string Code => "en";

    public string MonthName(ReportMonth month) => $"{Months[month.Month - 1]} {month.Year}";

    public string Title(string monthName) => $"amoCRM monthly report: {monthName}";

    public string AllAccounts => "all accounts";

    public string Period(string from, string to, string zone) => $"From {from} to {to} ({zone})";

    public string InProgress => "The month is not over yet: the figures are as of now.";

    public string NoData => "No results in this month.";

    public (string Account, string Check, string Uptime, string Good, string Bad, string NotMeasured,
        string Maintenance, string NoResults, string Incidents, string Mttr, string P95, string Target, string Met,
        string Budget) Columns =>
        ("Account", "Check", "Uptime", "Good min", "Bad min", "Not measured min", "Maintenance min",
            "No results min", "Incidents", "MTTR", "p95", "SLO target", "SLO met", "Budget spent");

    public string Yes => "met";

    public string No => "missed";

    public string KindName(Outcome kind) => kind switch
    {
        Outcome.Down => "outage",
        Outcome.AuthFailed => "token rejected",
        Outcome.Throttled => "rate limited (429)",
        Outcome.Blocked => "blocked (403)",
        Outcome.Billing => "not paid (402)",
        _ => kind.ToName(),
    };

    public string AccountingTitle => "How it is counted";

    public string Definition =>
        "Uptime = good minutes ÷ (good + bad minutes). A minute is bad when any probe of the check in it got "
        + "amoCRM's down verdict.";

    public string MaintenanceNote(int minutes) =>
        $"Minutes in maintenance windows are shown apart and never count: {minutes} min this month.";

    public string NotMeasuredNote(int minutes) =>
        "Minutes where amoCRM gave no verdict (rate limited 429, blocked 403, token rejected 401, not paid 402) "
        + $"or AmoHealth failed by its own fault count neither way (not measured): {minutes} min.";

    public string NoResultsNote(int minutes) => $"Minutes with no probe at all count neither way: {minutes} min.";

    public string OtherIncidentsNote(int count) =>
        $"Incidents of a rejected token, rate limiting, a block or an unpaid account are amoCRM answering, not an "
        + $"outage: {count} this month, listed apart, not in MTTR.";

    public string OwnFaultsNote =>
        "Warnings AmoHealth raised about its own faults (its receiver unreachable, no network, a setting) are not "
        + "amoCRM's incidents and are not counted.";

    public string MttrNote =>
        "MTTR is the mean duration of the closed outages that started in the month; p95 is of amoCRM's answers, "
        + "within 1 %.";

    public string BudgetNote =>
        "Budget spent = bad minutes ÷ the bad minutes the SLO target allows over the month's judged minutes.";
}
