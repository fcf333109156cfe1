using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;
using AmoHealth.ServiceDefaults.Access;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.OnCall.Buttons;

/// <summary>A button's click as an on-call command per incident, by the clicking person as an operator, through the
/// one command applier (two clicks never both win). A click that takes nothing says who has it.</summary>
public sealed partial class Acknowledgements(
    IServiceProvider services,
    StoreConnections connections,
    IOptions<ButtonOptions> options,
    TimeProvider time,
    ILogger<Acknowledgements> logger)
{
    public ButtonTexts Texts { get; } = ButtonTexts.For(options.Value.Language);

    public async Task<AckOutcome> AcknowledgeAsync(
        IReadOnlyList<long> incidents, string user, string source, CancellationToken cancellationToken)
    {
        // Resolved at the click: the applier is the on-call stage's, registered by its own part of the composition.
        if (services.GetService<IOnCallCommands>() is not { } commands)
        {
            return AckOutcome.Refuse(Texts.NotPossible);
        }

        var applied = new List<long>();
        string? message = null;
        foreach (var id in incidents)
        {
            var reply = await commands.ApplyAsync(
                new OnCallCommand { Kind = OnCallCommandKinds.Acknowledge, Id = id, Source = source },
                new Actor(user, Role.Operator), cancellationToken);
            if (reply.Status == OnCallReply.Applied)
            {
                applied.Add(id);
            }
            else
            {
                message ??= reply.Message;
            }
        }

        var zone = Zone();
        if (applied.Count > 0)
        {
            LogTaken(logger, applied.Count, source);
            return new AckOutcome(applied, Texts.Taken(user, time.GetUtcNow(), zone), null);
        }

        var states = await StatesAsync(incidents, cancellationToken);
        if (states.FirstOrDefault(s => s.By is not null) is { By: { } by, At: { } at })
        {
            return AckOutcome.Refuse(Texts.AlreadyTaken(by, DateTimeOffset.FromUnixTimeMilliseconds(at), zone));
        }

        return AckOutcome.Refuse(states.Count > 0 && states.All(s => s.Closed) ? Texts.Closed
            : message ?? Texts.NotPossible);
    }

    /// <summary>The text of the down post that carried the button (the grouped rows joined as the dispatcher
    /// joined them), or null when the rows are gone.</summary>
    public async Task<string?> OriginalTextAsync(
        IReadOnlyList<long> incidents, string channel, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await using var command = session.Command(string.Empty)
            .With("@kind", NotificationKinds.Down).With("@channel", channel);
        command.CommandText = "SELECT text FROM notifications WHERE kind = @kind AND channel = @channel "
            + "AND incident_id IN " + command.InList("@id", incidents) + " ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var texts = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            texts.Add(reader.GetString(0));
        }

        return texts.Count == 0 ? null : string.Join("\n\n", texts);
    }

    private TimeZoneInfo Zone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Alerts:TimeZone is checked at start by the alerts' own settings; a missing zone database reads UTC.
            return TimeZoneInfo.Utc;
        }
    }

    private async Task<List<(string? By, long? At, bool Closed)>> StatesAsync(
        IReadOnlyList<long> incidents, CancellationToken cancellationToken)
    {
        await using var session = await connections.ConnectAsync(cancellationToken);
        await using var command = session.Command(string.Empty);
        command.CommandText = "SELECT acknowledged_by, acknowledged_at, end_time FROM incidents WHERE id IN "
            + command.InList("@id", incidents) + " ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<(string? By, long? At, bool Closed)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add((reader.GetNullableString(0), reader.GetNullableInt64(1), !reader.IsDBNull(2)));
        }

        return states;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} incidents taken with a {Source} button")]
    private static partial void LogTaken(ILogger logger, int count, string source);
}
