using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Status;

/// <summary>Reads the latest result of every account and check, in the dashboard's order.</summary>
public sealed class StatusReader(StoreConnections connections)
{
    private static readonly TimeSpan NoticeShownFor = TimeSpan.FromDays(1);

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

    /// <summary>What the Prober recorded per account, in one read: when its token expires, and its notice (a recreated
    /// test lead, an unknown stage id) of the last day.</summary>
    public async Task<IReadOnlyDictionary<string, (long? TokenExpiresAt, string? Notice)>> ReadAccountFactsAsync(
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (expiresKey, noticeKey) = (ProbeStateKeys.TokenExpires, ProbeStateKeys.Notice);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection
            .Command("SELECT account, \"key\", \"value\" FROM probe_state "
                + "WHERE \"key\" = @expires OR \"key\" = @notice")
            .With("@expires", expiresKey.Name).With("@notice", noticeKey.Name);
        var rows = await ProbeStateRows.ReadAsync(command, cancellationToken);
        return rows.GroupBy(r => r.Account, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            long? expires = null;
            StateNotice? notice = null;
            foreach (var row in g)
            {
                if (row.TryRead(expiresKey, out var at))
                {
                    expires = at.ToUnixTimeMilliseconds();
                }
                else if (row.TryRead(noticeKey, out var read))
                {
                    notice = read;
                }
            }

            return (expires, notice is not null && now - notice.At < NoticeShownFor ? notice.Text : null);
        }, StringComparer.Ordinal);
    }
}
