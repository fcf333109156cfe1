using AmoHealth.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Status;

/// <summary>
/// Whether results still arrive. A check whose newest result is older than two intervals plus the delivery
/// deadline is <c>stale</c>: the Prober (or its host) has stopped, and the last status must not be shown as
/// current. <c>/health</c> is degraded while any check is stale.
/// </summary>
public sealed class Freshness(IDbContextFactory<AmoHealthDbContext> contexts, SchemaState schema, IOptions<Info.DashboardOptions> options, TimeProvider time)
    : IHealthCheck
{
    public static bool IsStale(long lastCheck, long now, int intervalMs) => now - lastCheck > Core.Configuration.SeedRules.StaleAfterMs(intervalMs);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return HealthCheckResult.Healthy("No results yet");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var interval = options.Value.CheckIntervalMs;
        var stale = (await db.CheckStatuses.AsNoTracking().Select(s => new { s.Account, s.CheckType, s.LastCheck }).ToListAsync(cancellationToken))
            .Where(s => IsStale(s.LastCheck, now, interval))
            .Select(s => $"{s.Account}/{s.CheckType}")
            .ToList();
        return stale.Count == 0
            ? HealthCheckResult.Healthy("Results are current")
            : HealthCheckResult.Degraded($"No recent result for {string.Join(", ", stale)}: is the Prober running?");
    }
}
