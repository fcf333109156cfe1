using System.Data.Common;
using System.Text;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Storage;

namespace AmoHealth.Core.Reports;

/// <summary>The incidents that started in a month, per account's check: how many of each kind, and the mean time to
/// restore of the closed outages among them.</summary>
public static class ReportIncidents
{
    public sealed record Tally(IReadOnlyList<KindCount> Kinds, TimeSpan? Mttr);

    /// <summary>Incidents with <c>start_time</c> in [from, to). The connection is opened here if it is closed.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Account, string CheckType), Tally>> ReadAsync(
        DbConnection connection, long from, long to, string? account, CancellationToken cancellationToken)
    {
        var rows = new List<(string Account, string CheckType, Outcome Kind, long? Duration)>();
        var opened = await connection.EnsureOpenAsync(cancellationToken);
        try
        {
            var sql = new StringBuilder("SELECT account, check_type, kind, start_time, end_time FROM incidents "
                + "WHERE start_time >= @from AND start_time < @to");
            await using var command = connection.Command(string.Empty).With("@from", from).With("@to", to)
                .Filter(sql, "account", "@account", account);
            command.CommandText = sql.ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (Kind(reader.GetString(2)) is not { } kind)
                {
                    continue;
                }

                var end = reader.GetNullableInt64(4);
                rows.Add((reader.GetString(0), reader.GetString(1), kind, end - reader.GetInt64(3)));
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }

        return rows.GroupBy(r => (r.Account, r.CheckType)).ToDictionary(g => g.Key, g =>
        {
            // Only amoCRM's outages have a time to restore; a 429 or an unpaid bill ends when someone else acts.
            var mended = g.Where(r => r.Kind == Outcome.Down && r.Duration is not null)
                .Select(r => r.Duration!.Value).ToList();
            return new Tally(
                [.. g.GroupBy(r => r.Kind).OrderBy(k => k.Key).Select(k => new KindCount(k.Key, k.Count()))],
                mended.Count > 0 ? TimeSpan.FromMilliseconds(mended.Average()) : null);
        });
    }

    private static Outcome? Kind(string name)
    {
        try
        {
            return OutcomeNames.Parse(name);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
