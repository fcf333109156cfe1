using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Status;

/// <summary>Reads the latest result of every account and check, in the dashboard's order.</summary>
public sealed class StatusReader(StoreConnections connections)
{
    public async Task<IReadOnlyList<CheckStatusRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {CheckStatusRecord.Columns} FROM check_status");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CheckStatusRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(CheckStatusRecord.Read(reader));
        }

        return rows
            .OrderBy(r => r.Account, StringComparer.Ordinal)
            .ThenBy(r => CheckType.OrderOf(r.CheckType))
            .ThenBy(r => r.CheckType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// What the Prober recorded per account, in one read: when its token expires (Unix ms), and its notice (a
    /// recreated test lead, an unknown stage id) of the last 24 hours.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (long? TokenExpiresAt, string? Notice)>> ReadAccountFactsAsync(long now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT account, \"key\", \"value\" FROM probe_state WHERE \"key\" = @expires OR \"key\" = @notice")
            .With("@expires", ProbeStateRecord.TokenExpiresKey).With("@notice", ProbeStateRecord.NoticeKey);
        var rows = await ProbeStateRows.ReadAsync(command, cancellationToken);
        return rows.GroupBy(r => r.Account, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            long? expires = g.FirstOrDefault(r => r.Key == ProbeStateRecord.TokenExpiresKey) is { } e
                && long.TryParse(e.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null;
            var notice = g.FirstOrDefault(r => r.Key == ProbeStateRecord.NoticeKey) is { } n ? ProbeStateRecord.ParseNotice(n.Value) : default;
            return (expires, notice.Text is not null && now - notice.At < 86_400_000 ? notice.Text : null);
        }, StringComparer.Ordinal);
    }
}
