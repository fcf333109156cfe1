using System.Data.Common;

namespace AmoHealth.Core.Storage;

/// <summary>Reads <c>probe_state</c> rows selected as <c>account, "key", "value"</c> by a plain command.</summary>
public static class ProbeStateRows
{
    public static async Task<List<ProbeStateRecord>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ProbeStateRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ProbeStateRecord { Account = reader.GetString(0), Key = reader.GetString(1),
                Value = reader.GetString(2) });
        }

        return rows;
    }
}
