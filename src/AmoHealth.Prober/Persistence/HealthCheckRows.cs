using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Persistence;

/// <summary>The writer's inserts into <c>health_checks</c> (<c>created_at</c> is derived by the database).</summary>
public static class HealthCheckRows
{
    private const string Insert =
        "INSERT INTO health_checks (\"timestamp\", check_type, status, response_time, error_message, account, outcome, "
        + "http_status, dns_ms, connect_ms, tls_ms, ttfb_ms, failure_kind, maintenance) "
        + "VALUES (@timestamp, @check_type, @status, @response_time, @error_message, @account, @outcome, "
        + "@http_status, @dns_ms, @connect_ms, @tls_ms, @ttfb_ms, @failure_kind, @maintenance) RETURNING id";

    /// <summary>Inserts the rows in order and gives each its id (in write order: the rollups keep id ranges).</summary>
    public static async Task InsertAsync(
        StoreSession session, IReadOnlyList<HealthCheckRecord> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await using var command = session.Command(Insert)
                .With("@timestamp", row.Timestamp)
                .With("@check_type", row.CheckType)
                .With("@status", row.Status)
                .With("@response_time", Nullable(row.ResponseTime))
                .With("@error_message", (object?)row.ErrorMessage ?? DBNull.Value)
                .With("@account", row.Account)
                .With("@outcome", row.Outcome.ToName())
                .With("@http_status", Nullable(row.HttpStatus))
                .With("@dns_ms", Nullable(row.DnsMs))
                .With("@connect_ms", Nullable(row.ConnectMs))
                .With("@tls_ms", Nullable(row.TlsMs))
                .With("@ttfb_ms", Nullable(row.TtfbMs))
                .With("@failure_kind", (object?)row.StoredKind?.ToName() ?? DBNull.Value)
                .With("@maintenance", row.InMaintenance is true ? (object)true : DBNull.Value);
            row.Id = await command.ScalarInt64Async(cancellationToken)
                     ?? throw new InvalidOperationException("INSERT INTO health_checks returned no id");
        }
    }

    private static object Nullable(int? value) => value is { } set ? set : DBNull.Value;
}
