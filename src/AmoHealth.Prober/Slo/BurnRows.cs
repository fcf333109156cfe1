using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.Slo;

/// <summary>The burn watch's commands on <c>slo_alerts</c>, in its transaction. Opening is conditional on the unique
/// open index (<c>ux_slo_alerts_open</c>): of two Probers that both see a rule fire, one row is made and one alert
/// sent; closing is conditional on the row still being open.</summary>
public static class BurnRows
{
    private const string Columns = "id, account, check_type, rule, severity, target, long_burn, short_burn, opened_at, "
        + "closed_at, acknowledged_by, acknowledged_at";

    private const string Open =
        "INSERT INTO slo_alerts (account, check_type, rule, severity, target, long_burn, short_burn, opened_at) "
        + "VALUES (@account, @check_type, @rule, @severity, @target, @long_burn, @short_burn, @opened_at) "
        + "ON CONFLICT DO NOTHING RETURNING id";

    private const string Close =
        "UPDATE slo_alerts SET closed_at = @now WHERE id = @id AND closed_at IS NULL RETURNING acknowledged_by";

    /// <summary>Every open alert by account, check and rule.</summary>
    public static async Task<Dictionary<(string Account, string CheckType, string Rule), BurnAlertRecord>> OpenAsync(
        StoreSession session, CancellationToken cancellationToken)
    {
        await using var command = session.Command($"SELECT {Columns} FROM slo_alerts WHERE closed_at IS NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var open = new Dictionary<(string, string, string), BurnAlertRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var alert = new BurnAlertRecord
            {
                Id = reader.GetInt64(0), Account = reader.GetString(1), CheckType = reader.GetString(2),
                Rule = reader.GetString(3), Severity = reader.GetString(4), Target = reader.GetDouble(5),
                LongBurn = reader.GetDouble(6), ShortBurn = reader.GetDouble(7), OpenedAt = reader.GetInt64(8),
                ClosedAt = reader.GetNullableInt64(9), AcknowledgedBy = reader.GetNullableString(10),
                AcknowledgedAt = reader.GetNullableInt64(11),
            };
            open[(alert.Account, alert.CheckType, alert.Rule)] = alert;
        }

        return open;
    }

    /// <summary>The new row's id, or null when an open one exists already (another Prober opened it first).</summary>
    public static async Task<long?> TryOpenAsync(
        StoreSession session, BurnAlertRecord alert, CancellationToken cancellationToken)
    {
        await using var command = session.Command(Open)
            .With("@account", alert.Account).With("@check_type", alert.CheckType).With("@rule", alert.Rule)
            .With("@severity", alert.Severity).With("@target", alert.Target).With("@long_burn", alert.LongBurn)
            .With("@short_burn", alert.ShortBurn).With("@opened_at", alert.OpenedAt);
        return await command.ScalarInt64Async(cancellationToken);
    }

    /// <summary>Whether this call closed it, and who had taken it.</summary>
    public static async Task<(bool Closed, string? AcknowledgedBy)> CloseAsync(
        StoreSession session, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = session.Command(Close).With("@now", now.ToUnixTimeMilliseconds()).With("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (true, reader.GetNullableString(0)) : (false, null);
    }

    /// <summary>When the check's last 🔥 was posted, if no ✅ came after it (the check's burn is announced); else
    /// null.</summary>
    public static async Task<long?> AnnouncedSinceAsync(
        StoreSession session, string account, string checkType, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT kind, created_at FROM notifications WHERE account = @account "
            + "AND check_type = @check_type AND kind IN (@burn, @cleared) ORDER BY id DESC LIMIT 1")
            .With("@account", account).With("@check_type", checkType)
            .With("@burn", NotificationKinds.Burn).With("@cleared", NotificationKinds.BurnCleared);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && reader.GetString(0) == NotificationKinds.Burn
            ? reader.GetInt64(1) : null;
    }

    /// <summary>Whether the check's incident is open: its 🔴 already pages, so no 🔥 is posted then.</summary>
    public static async Task<bool> IncidentOpenAsync(
        StoreSession session, string account, string checkType, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT COUNT(*) FROM incidents WHERE account = @account "
            + "AND check_type = @check_type AND end_time IS NULL")
            .With("@account", account).With("@check_type", checkType);
        return await command.ScalarInt64Async(cancellationToken) is > 0;
    }
}
