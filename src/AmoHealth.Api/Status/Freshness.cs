using AmoHealth.Core.Configuration;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Status;

/// <summary>Whether results still arrive. A check whose newest result is older than <see cref="Cadence.StaleAfter"/> is
/// <c>stale</c>: the Prober (or its host) has stopped, and the last status must not be shown as current. <c>/health</c>
/// is degraded while any check is stale.</summary>
public sealed class Freshness(
    StoreConnections connections, SchemaState schema, IOptions<Info.DashboardOptions> options, TimeProvider time)
    : IHealthCheck
{
    /// <param name="lastCheck">The stored start of the newest probe, Unix milliseconds.</param>
    public static bool IsStale(long lastCheck, DateTimeOffset now, TimeSpan staleAfter) =>
        now - DateTimeOffset.FromUnixTimeMilliseconds(lastCheck) > staleAfter;

    public static TimeSpan StaleAfter(Info.DashboardOptions options) =>
        Cadence.FromMilliseconds(options.CheckIntervalMs).StaleAfter;

    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return HealthCheckResult.Healthy("No results yet");
        }

        var now = time.GetUtcNow();
        var staleAfter = StaleAfter(options.Value);
        var stale = new List<string>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT account, check_type, last_check FROM check_status");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (IsStale(reader.GetInt64(2), now, staleAfter))
            {
                stale.Add($"{reader.GetString(0)}/{reader.GetString(1)}");
            }
        }

        return stale.Count == 0
            ? HealthCheckResult.Healthy("Results are current")
            : HealthCheckResult.Degraded($"No recent result for {string.Join(", ", stale)}: is the Prober running?");
    }
}
