using System.Data.Common;

namespace AmoHealth.Core.Storage;

/// <summary>Reads <c>maintenance_windows</c> rows: the Prober's calendar and the Api's list use the same columns.
/// </summary>
public static class MaintenanceRows
{
    /// <summary>The columns <see cref="ReadAsync"/> expects, in order: append the rest of the query.</summary>
    public const string Select = "SELECT id, account, starts_at, ends_at, weekday, start_time, duration_minutes, "
        + "time_zone, reason, created_by, created_at FROM maintenance_windows";

    public static async Task<List<MaintenanceRecord>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var windows = new List<MaintenanceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            windows.Add(new MaintenanceRecord
            {
                Id = reader.GetInt64(0),
                Account = reader.GetNullableString(1),
                StartsAt = reader.GetNullableInt64(2),
                EndsAt = reader.GetNullableInt64(3),
                Weekday = reader.GetNullableInt32(4),
                StartTime = reader.GetNullableString(5),
                DurationMinutes = reader.GetNullableInt32(6),
                TimeZone = reader.GetString(7),
                Reason = reader.GetString(8),
                CreatedBy = reader.GetString(9),
                CreatedAt = reader.GetInt64(10),
            });
        }

        return windows;
    }
}
