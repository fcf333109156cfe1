using System.Data.Common;

namespace AmoHealth.Core.Storage;

/// <summary>Plain commands on either engine: the SQL is standard, identifiers that are keywords are
/// double-quoted.</summary>
public static class SqlCommands
{
    public static DbCommand Command(this DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Appends <c> AND column = @name</c> for a filter that is set.</summary>
    public static DbCommand Filter(this DbCommand command, System.Text.StringBuilder sql, string column, string name,
        string? value)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(column).Append(" = ").Append(name);
            command.With(name, value);
        }

        return command;
    }

    /// <summary>Adds one parameter per value and returns their list, <c>(@name0, @name1, ...)</c>, for an <c>IN</c> on
    /// either engine.</summary>
    public static string InList<T>(this DbCommand command, string name, IEnumerable<T> values)
        where T : notnull
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var parameter = name + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.With(parameter, value);
            names.Add(parameter);
        }

        return "(" + string.Join(", ", names) + ")";
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? GetNullableInt32(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>A scalar <c>MAX</c>/<c>MIN</c>/<c>COUNT</c> of an integer column: null when there are no
    /// rows.</summary>
    public static async Task<long?> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Opens the connection unless it is open; true when it was opened here (and so is to be closed
    /// here).</summary>
    public static async Task<bool> EnsureOpenAsync(this DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            return false;
        }

        await connection.OpenAsync(cancellationToken);
        return true;
    }
}
