using System.Globalization;
using System.Text;
using AmoHealth.Core.Checks;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.OnCall;

namespace AmoHealth.Prober.Evaluation;

/// <summary>What the tracker writes on an incident's timeline, in the writer's transaction: <c>opened</c> with the
/// failing results that confirmed it, <c>closed</c> with how long it lasted and who handled it; and the silences that
/// end on recovery, ended when the last open incident in their scope closes.</summary>
public static class IncidentStory
{
    /// <summary>Results listed at most (a long suspect streak of a slow check).</summary>
    public const int MaxResults = 10;

    private const string Confirming =
        "SELECT \"timestamp\", outcome, http_status, failure_kind FROM health_checks WHERE account = @account "
        + "AND check_type = @check_type AND \"timestamp\" >= @since AND \"timestamp\" <= @until "
        + "ORDER BY \"timestamp\", id";

    public static async Task OpenedAsync(StoreSession session, IncidentRecord incident, long lastResultAt,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var listed = 0;
        await using (var command = session.Command(Confirming)
            .With("@account", incident.Account).With("@check_type", incident.CheckType)
            .With("@since", incident.StartTime).With("@until", lastResultAt))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (listed < MaxResults && await reader.ReadAsync(cancellationToken))
            {
                var outcome = OutcomeNames.Parse(reader.GetString(1));
                var kind = FailureKindNames.Parse(reader.GetNullableString(3), FailureKindNames.Default(outcome));
                if (outcome.IsSuccess() || kind.IsOwnFault())
                {
                    continue;
                }

                var at = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0));
                text.Append(listed++ == 0 ? string.Empty : "; ")
                    .Append(at.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(' ').Append(kind.ToName());
                if (reader.GetNullableInt32(2) is { } status)
                {
                    text.Append(' ').Append(status.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        await IncidentTimeline.AddAsync(session, incident.Id, TimelineKind.Opened, now, null,
            listed == 0 ? incident.Details : text.ToString(), cancellationToken);
    }

    /// <summary>Writes <c>closed</c>, then ends the silences this recovery ends.</summary>
    public static async Task ClosedAsync(StoreSession session, IncidentRecord incident, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var text = "lasted " + Lasted(TimeSpan.FromMilliseconds(incident.Duration ?? 0))
            + (incident.AcknowledgedBy is { } by ? "; handled by " + by : string.Empty);
        var closedAt = DateTimeOffset.FromUnixTimeMilliseconds(incident.EndTime ?? now.ToUnixTimeMilliseconds());
        await IncidentTimeline.AddAsync(session, incident.Id, TimelineKind.Closed, closedAt, null, text,
            cancellationToken);
        foreach (var silence in await SilenceRows.RecoveredAsync(session, incident.Account, incident.CheckType, now,
            cancellationToken))
        {
            await SilenceRows.EndAsync(session, silence, SilenceRows.Recovery, now, cancellationToken, incident.Id);
        }
    }

    /// <summary>"2 h 5 min", "1 min 25 s", "40 s".</summary>
    public static string Lasted(TimeSpan length) => length switch
    {
        { TotalHours: >= 1 } => $"{(int)length.TotalHours} h {length.Minutes} min",
        { TotalMinutes: >= 1 } => $"{length.Minutes} min {length.Seconds} s",
        _ => $"{length.Seconds} s",
    };
}
