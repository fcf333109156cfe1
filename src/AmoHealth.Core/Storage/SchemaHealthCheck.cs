using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AmoHealth.Core.Storage;

internal sealed class SchemaHealthCheck(SchemaState schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await schema.IsReadyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Database migrations are not applied yet.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Database is not reachable.", ex);
        }
    }
}
