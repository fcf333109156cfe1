using AmoHealth.Core.Checks;

namespace AmoHealth.Core.Reports;

/// <summary>Every phrase of the monthly report (page, CSV-free) in one language; <see cref="ReportNotes"/> writes the
/// accounting with them.</summary>
public interface IReportLanguage
{
    /// <summary><c>ru</c> or <c>en</c>, as <c>?lang=</c> names it.</summary>
    string Code { get; }

    /// <summary>"ноябрь 2026", "November 2026".</summary>
    string MonthName(ReportMonth month);

    string Title(string monthName);

    string AllAccounts { get; }

    /// <summary>The month's bounds, written, and the zone.</summary>
    string Period(string from, string to, string zone);

    string InProgress { get; }

    string NoData { get; }

    (string Account, string Check, string Uptime, string Good, string Bad, string NotMeasured, string Maintenance,
        string NoResults, string Incidents, string Mttr, string P95, string Target, string Met, string Budget)
        Columns { get; }

    string Yes { get; }

    string No { get; }

    string KindName(Outcome kind);

    string AccountingTitle { get; }

    /// <summary>The definition of uptime by time, as every page that shows it prints it.</summary>
    string Definition { get; }

    string MaintenanceNote(int minutes);

    string NotMeasuredNote(int minutes);

    string NoResultsNote(int minutes);

    string OtherIncidentsNote(int count);

    string OwnFaultsNote { get; }

    string MttrNote { get; }

    string BudgetNote { get; }
}
