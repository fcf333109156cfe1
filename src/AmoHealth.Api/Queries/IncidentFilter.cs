using System.Data.Common;
using System.Text;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Queries;

/// <summary>The incidents a query asks about: those overlapping the window (open ones included), for an account and
/// check.</summary>
public static class IncidentFilter
{
    /// <summary>A command selecting <paramref name="columns"/> of those incidents, <paramref name="suffix"/> (order,
    /// page) after the filter.</summary>
    public static DbCommand Overlapping(
        DbConnection connection, string columns, TimeWindow? window, string? account, string? checkType,
        string suffix = "")
    {
        var sql = new StringBuilder($"SELECT {columns} FROM incidents WHERE 1 = 1");
        var command = connection.Command(string.Empty);
        if (window is { } w)
        {
            // Every incident that overlaps the window, open ones included.
            sql.Append(" AND start_time < @to AND (end_time IS NULL OR end_time >= @from)");
            command.With("@to", w.To).With("@from", w.From);
        }

        command.Filter(sql, "account", "@account", account).Filter(sql, "check_type", "@check", checkType);
        command.CommandText = sql.Append(suffix).ToString();
        return command;
    }
}
