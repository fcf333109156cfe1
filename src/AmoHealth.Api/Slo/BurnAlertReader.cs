using System.Data.Common;
using AmoHealth.Core.Slo;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Slo;

/// <summary>Reads burn alerts: the open ones, the recent ones, one by id.</summary>
public sealed class BurnAlertReader(StoreConnections connections)
{
    private const string Select = "SELECT id, account, check_type, rule, severity, target, long_burn, short_burn, "
        + "opened_at, closed_at, acknowledged_by, acknowledged_at FROM slo_alerts";

    /// <summary>Open alerts, and those closed since <paramref name="closedSince"/> (Unix ms), newest first.</summary>
    public async Task<IReadOnlyList<BurnAlertDto>> RecentAsync(
        string? account, long closedSince, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var sql = $"{Select} WHERE (closed_at IS NULL OR closed_at >= @since)"
            + (account is null ? string.Empty : " AND account = @account") + " ORDER BY opened_at DESC, id DESC";
        await using var command = connection.Command(sql).With("@since", closedSince);
        if (account is not null)
        {
            command.With("@account", account);
        }

        return await ReadAsync(command, cancellationToken);
    }

    public async Task<BurnAlertDto?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"{Select} WHERE id = @id").With("@id", id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<BurnAlertDto>> ReadAsync(
        DbCommand command, CancellationToken cancellationToken)
    {
        var alerts = new List<BurnAlertDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var rule = reader.GetString(3);
            alerts.Add(new BurnAlertDto(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), rule, reader.GetString(4),
                BurnRules.Find(rule)?.Factor ?? 0, Math.Round(reader.GetDouble(5) * 100, 4), reader.GetDouble(6),
                reader.GetDouble(7), reader.GetInt64(8), reader.GetNullableInt64(9), reader.GetNullableString(10),
                reader.GetNullableInt64(11)));
        }

        return alerts;
    }
}
