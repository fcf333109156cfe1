using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Alerting;

/// <summary>The daily summary's SLO lines of every account: each check's budget left over the SLO window (checks with
/// judged minutes), and the open tickets (the burn-rate rule that pages nobody).</summary>
public sealed record SummaryBudgets(
    IReadOnlyDictionary<string, List<(string CheckType, double LeftPercent, double LeftMinutes, double TargetPercent)>>
        Budgets,
    IReadOnlyDictionary<string, List<(string CheckType, DateTimeOffset Since)>> Tickets)
{
    public static readonly SummaryBudgets None = new(
        new Dictionary<string, List<(string, double, double, double)>>(),
        new Dictionary<string, List<(string, DateTimeOffset)>>());

    public static async Task<SummaryBudgets> ReadAsync(StoreSession read, SloOptions slo, RetentionOptions retention,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tallies = await SloTallies.ReadAsync(read.Connection, now, [TimeSpan.FromDays(slo.WindowDays)], null,
            retention, cancellationToken);
        var budgets = new Dictionary<string, List<(string, double, double, double)>>(StringComparer.Ordinal);
        foreach (var ((account, check), tally) in tallies
            .Where(t => t.Value[0].Judged > 0)
            .OrderBy(t => Array.IndexOf([.. CheckType.All], t.Key.CheckType)))
        {
            var objective = slo.For(account, check);
            var budget = objective.Budget(tally[0]);
            Add(budgets, account, (check, budget.LeftFraction * 100, budget.LeftMinutes, objective.Target * 100));
        }

        var tickets = new Dictionary<string, List<(string, DateTimeOffset)>>(StringComparer.Ordinal);
        await using var command = read.Command("SELECT account, check_type, opened_at FROM slo_alerts "
            + "WHERE closed_at IS NULL AND rule = @rule ORDER BY opened_at")
            .With("@rule", BurnRules.Slowest.Name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Add(tickets, reader.GetString(0),
                (reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return new SummaryBudgets(budgets, tickets);
    }

    private static void Add<T>(Dictionary<string, List<T>> lists, string account, T item)
    {
        if (!lists.TryGetValue(account, out var list))
        {
            lists[account] = list = [];
        }

        list.Add(item);
    }
}
