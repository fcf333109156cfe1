using AmoHealth.Core.Checks;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;
using AmoHealth.Core.Storage.Rollups;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Slo;

/// <summary>Each account's check with data in the SLO window against its objective: the budget and uptime by time over
/// the window and the burn rate over each of the rules' windows, all from the rollups, with its open burn alerts.
/// </summary>
public sealed class SloReader(
    StoreConnections connections, IOptions<StorageOptions> storage, IOptions<SloOptions> slo, BurnAlertReader alerts,
    TimeProvider time)
{
    public async Task<IReadOnlyList<SloDto>> ReadAsync(
        string? account, string? checkType, CancellationToken cancellationToken)
    {
        var options = slo.Value;
        var window = TimeSpan.FromDays(options.WindowDays);
        IReadOnlyList<TimeSpan> windows = [window, .. BurnRules.Windows];
        IReadOnlyDictionary<(string Account, string CheckType), MinuteTally[]> tallies;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            tallies = await SloTallies.ReadAsync(
                connection, time.GetUtcNow(), windows, account, storage.Value.Retention, cancellationToken);
        }

        // Open ones only: nothing is closed at or after the end of time.
        var open = await alerts.RecentAsync(account, long.MaxValue, cancellationToken);
        return [.. tallies
            .Where(t => checkType is null || t.Key.CheckType == checkType)
            .OrderBy(t => t.Key.Account, StringComparer.Ordinal)
            .ThenBy(t => CheckType.OrderOf(t.Key.CheckType))
            .Select(t => Describe(options.For(t.Key.Account, t.Key.CheckType), options.WindowDays, t.Value,
                [.. open.Where(a => a.Account == t.Key.Account && a.CheckType == t.Key.CheckType)]))];
    }

    private static SloDto Describe(
        SloObjective objective, int windowDays, MinuteTally[] tallies, IReadOnlyList<BurnAlertDto> open)
    {
        var minutes = tallies[0];
        var budget = objective.Budget(minutes);
        return new SloDto(
            objective.Account, objective.CheckType, Math.Round(objective.Target * 100, 4), windowDays,
            minutes.Good, minutes.Bad, minutes.Excluded, minutes.Maintenance,
            minutes.Uptime is { } uptime ? Math.Round(uptime, 6) : null,
            Math.Round(budget.AllowedMinutes, 2), Math.Round(budget.LeftMinutes, 2),
            Math.Round(budget.LeftFraction * 100, 2), budget.Met,
            [.. BurnRules.Windows.Select((w, i) =>
                new BurnRateDto(SloTallies.Label(w), Math.Round(objective.BurnRate(tallies[i + 1]), 3)))],
            open);
    }
}
