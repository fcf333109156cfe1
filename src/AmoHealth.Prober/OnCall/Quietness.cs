using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Quiet hours from the store: an active silence of the account (of the check, or of the whole account)
/// first, then a maintenance window (<see cref="MaintenanceCalendar"/>). One query per question.</summary>
public sealed class Quietness(MaintenanceCalendar calendar) : IQuietHours
{
    private const string Active =
        "SELECT id, ends_at, reason FROM silences WHERE account = @account AND ended_at IS NULL "
        + "AND starts_at <= @at AND ends_at > @at AND ";

    public async Task<Quiet?> QuietAsync(StoreSession session, string account, string? checkType, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        // A silence of the whole account covers its own alerts (checkType null) and every check's.
        await using (var command = session.Command(string.Empty)
            .With("@account", account).With("@at", at.ToUnixTimeMilliseconds()))
        {
            command.CommandText = Active + (checkType is null
                ? "check_type IS NULL"
                : "(check_type IS NULL OR check_type = @check_type)") + " ORDER BY ends_at DESC, id LIMIT 1";
            if (checkType is not null)
            {
                command.With("@check_type", checkType);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new Quiet(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.GetString(2));
            }
        }

        return await calendar.CoveringAsync(session, account, at, cancellationToken);
    }
}
