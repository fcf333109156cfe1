using System.Globalization;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>The "take it" button of a 🔥 burn alert. Its signed data names the burn alerts, <c>burn:&lt;ids&gt;</c>, a
/// form no incident button has (those are bare ids), so neither can be passed off as the other.</summary>
public static class BurnButtons
{
    public const string Prefix = "burn";

    public static string Key(IEnumerable<long> ids) =>
        $"{Prefix}:" + string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The burn alert ids of a button's data (<c>burn:&lt;ids&gt;</c>), or null when it is not one.</summary>
    public static List<long>? Parse(string? key) =>
        key is not null && key.StartsWith(Prefix + ":", StringComparison.Ordinal)
            ? AckButtons.ParseIncidents(key[(Prefix.Length + 1)..])
            : null;

    /// <summary>The open, untaken page alerts a 🔥 row announces. Two page rules of one check that open in the same
    /// minute are one outage: the button of either post takes both.</summary>
    public static async Task<List<long>> OpenAlertsAsync(
        StoreConnections connections, NotificationRecord row, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await using var command = session.Command("SELECT id FROM slo_alerts WHERE account = @account "
            + "AND check_type = @check_type AND opened_at = @opened_at AND severity = 'page' AND closed_at IS NULL "
            + "AND acknowledged_by IS NULL ORDER BY id")
            .With("@account", row.Account).With("@check_type", row.CheckType).With("@opened_at", row.CreatedAt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>The 🔥 post's text (the first alert's outbox row on the channel), or null when it is gone.</summary>
    public static async Task<string?> OriginalTextAsync(
        StoreConnections connections, long id, string channel, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await using var command = session.Command("SELECT n.text FROM notifications n JOIN slo_alerts a "
            + "ON a.account = n.account AND a.check_type = n.check_type AND a.opened_at = n.created_at "
            + "WHERE a.id = @id AND n.kind = @kind AND n.channel = @channel ORDER BY n.id")
            .With("@id", id).With("@kind", NotificationKinds.Burn).With("@channel", channel);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Who took the first of them and when, and whether all are closed.</summary>
    public static async Task<(string? By, long? At, bool Closed)> StateAsync(
        StoreConnections connections, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await using var command = session.Command(string.Empty);
        command.CommandText = "SELECT acknowledged_by, acknowledged_at, closed_at FROM slo_alerts WHERE id IN "
            + command.InList("@id", ids) + " ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        (string? By, long? At, bool Closed) state = (null, null, true);
        var any = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            any = true;
            if (state.By is null && reader.GetNullableString(0) is { } by)
            {
                state = (by, reader.GetNullableInt64(1), state.Closed);
            }

            state.Closed &= !reader.IsDBNull(2);
        }

        return any ? state : (null, null, false);
    }
}
