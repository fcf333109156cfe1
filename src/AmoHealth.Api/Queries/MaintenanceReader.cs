using AmoHealth.Api.OnCall;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Queries;

/// <summary>The maintenance windows not over yet: those planned from the page (not deleted) and those of
/// <c>Alerts:Maintenance</c>, each with whether it covers now and its next occurrence, soonest first.</summary>
public sealed class MaintenanceReader(StoreConnections connections, IOptions<TeamOptions> team)
{
    private const string Select = MaintenanceRows.Select;

    public async Task<IReadOnlyList<MaintenanceDto>> CurrentAsync(
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"{Select} WHERE deleted_at IS NULL ORDER BY id");
        var windows = (await MaintenanceRows.ReadAsync(command, cancellationToken)).Select(w => Describe(w, now))
            .Concat(team.Value.Maintenance.Select((w, i) => Configured(w, i, now)))
            .Where(w => w.Next.EndsAt > now.ToUnixTimeMilliseconds())
            .OrderBy(w => w.Next.StartsAt)
            .ThenBy(w => w.Id);
        return [.. windows];
    }

    /// <summary>One window planned from the page by its id (the one just created), or null.</summary>
    public async Task<MaintenanceDto?> WindowAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"{Select} WHERE id = @id").With("@id", id);
        return (await MaintenanceRows.ReadAsync(command, cancellationToken)).Select(w => Describe(w, now))
            .FirstOrDefault();
    }

    private static MaintenanceDto Describe(MaintenanceRecord window, DateTimeOffset now)
    {
        // A one-off window that is over has no next occurrence: its own span stands in (the list leaves it out).
        var next = MaintenanceSchedule.Next(window, now)
            ?? new MaintenanceSchedule.Window(DateTimeOffset.FromUnixTimeMilliseconds(window.StartsAt ?? 0),
                DateTimeOffset.FromUnixTimeMilliseconds(window.EndsAt ?? 0));
        return new MaintenanceDto(
            window.Id, window.Account, window.IsWeekly ? MaintenanceDto.Weekly : MaintenanceDto.Once, window.StartsAt,
            window.EndsAt, window.Weekday, window.StartTime, window.DurationMinutes, window.TimeZone, window.Reason,
            window.CreatedBy, window.CreatedAt, MaintenanceDto.FromPage,
            MaintenanceSchedule.Covering(window, now) is not null,
            new MaintenanceOccurrence(next.Start.ToUnixTimeMilliseconds(), next.End.ToUnixTimeMilliseconds()));
    }

    private MaintenanceDto Configured(ConfiguredWindow window, int index, DateTimeOffset now)
    {
        var (start, end) = (window.Start.ToUnixTimeMilliseconds(), window.End.ToUnixTimeMilliseconds());
        return new MaintenanceDto(
            0, window.Account, MaintenanceDto.Once, start, end, null, null, null, team.Value.TimeZone,
            $"Alerts:Maintenance:{index}", null, null, MaintenanceDto.FromConfig,
            now >= window.Start && now < window.End, new MaintenanceOccurrence(start, end));
    }
}
