using System.Data.Common;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Queries;

/// <summary>The silences in force or planned: not ended by hand or by recovery, not yet run out.</summary>
public sealed class SilenceReader(StoreConnections connections)
{
    private const string Select = "SELECT id, account, check_type, starts_at, ends_at, reason, created_by, "
        + "created_at, end_on_recovery FROM silences";

    public async Task<IReadOnlyList<SilenceDto>> CurrentAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection
            .Command($"{Select} WHERE ended_at IS NULL AND ends_at > @now ORDER BY starts_at, id")
            .With("@now", now.ToUnixTimeMilliseconds());
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>One silence by its id, whatever its state (the one just created), or null.</summary>
    public async Task<SilenceDto?> SilenceAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"{Select} WHERE id = @id").With("@id", id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<SilenceDto>> ReadAsync(
        DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var silences = new List<SilenceDto>();
        while (await reader.ReadAsync(cancellationToken))
        {
            silences.Add(new SilenceDto(
                reader.GetInt64(0), reader.GetString(1), reader.GetNullableString(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetString(5), reader.GetString(6), reader.GetInt64(7),
                reader.GetBoolean(8)));
        }

        return silences;
    }
}
