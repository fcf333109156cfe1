namespace AmoHealth.Core.Slo;

/// <summary>The rule pairs of the SRE workbook's multi-window, multi-burn-rate alerts (for a 30-day window): 14.4×
/// over 1 h and 5 min and 6× over 6 h and 30 min page; 1× over 3 days and 6 h is a ticket, reported in the daily
/// summary.</summary>
public static class BurnRules
{
    public const string Page = "page";

    public const string Ticket = "ticket";

    public static readonly BurnRule Fast = new("fast", Page, 14.4, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));

    public static readonly BurnRule Slow = new("slow", Page, 6, TimeSpan.FromHours(6), TimeSpan.FromMinutes(30));

    public static readonly BurnRule Slowest = new("ticket", Ticket, 1, TimeSpan.FromDays(3), TimeSpan.FromHours(6));

    public static IReadOnlyList<BurnRule> All { get; } = [Fast, Slow, Slowest];

    /// <summary>The windows the rules read, shortest first.</summary>
    public static IReadOnlyList<TimeSpan> Windows { get; } =
        [.. All.SelectMany(r => new[] { r.Short, r.Long }).Distinct().Order()];

    public static BurnRule? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
