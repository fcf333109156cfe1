namespace AmoHealth.Core.Reports;

/// <summary>The report's languages, by <c>?lang=</c> or <c>Alerts:Language</c>.</summary>
public static class ReportLanguages
{
    public static IReadOnlyList<IReportLanguage> All { get; } = [RussianReport.Instance, EnglishReport.Instance];

    /// <summary>The language of <paramref name="code"/>, or null for one there is none of.</summary>
    public static IReportLanguage? Find(string? code) => All.FirstOrDefault(l => l.Code == code);

    /// <summary>Russian, the seed's, unless <paramref name="code"/> is <c>en</c>.</summary>
    public static IReportLanguage For(string? code) => Find(code) ?? RussianReport.Instance;
}
