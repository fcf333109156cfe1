namespace AmoHealth.Api.Reports;

/// <summary>How the report counts, written on it: the definition of uptime by time and what was set apart.</summary>
/// <param name="OtherIncidents">Incidents that were amoCRM answering (token rejected, 429, 403, 402), not
/// outages.</param>
/// <param name="Notes">The accounting in words, in the report's language.</param>
public sealed record MonthlyAccountingDto(
    string Definition,
    int MaintenanceMinutes,
    int ExcludedMinutes,
    int NoDataMinutes,
    int OtherIncidents,
    IReadOnlyList<string> Notes);
