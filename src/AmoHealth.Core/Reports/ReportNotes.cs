namespace AmoHealth.Core.Reports;

/// <summary>The accounting written on every report: what counts, and how many minutes and incidents were set apart.
/// </summary>
public static class ReportNotes
{
    public static IReadOnlyList<string> For(MonthlyReport report, IReportLanguage l)
    {
        var minutes = report.Minutes;
        return
        [
            l.Definition,
            l.MaintenanceNote(minutes.Maintenance),
            l.NotMeasuredNote(minutes.Excluded),
            l.NoResultsNote(report.NoDataMinutes),
            l.OtherIncidentsNote(report.OtherIncidents),
            l.OwnFaultsNote,
            l.MttrNote,
            l.BudgetNote,
        ];
    }
}
