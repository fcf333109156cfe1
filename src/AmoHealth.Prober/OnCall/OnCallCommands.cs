using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;
using AmoHealth.Prober.Configuration;
using AmoHealth.ServiceDefaults.Access;

namespace AmoHealth.Prober.OnCall;

/// <summary>Applies people's actions, each in one transaction whose conditional SQL decides who wins (two clicks, two
/// Probers): the role first, then the rules, then the change with its timeline entries.</summary>
public sealed partial class OnCallCommands(
    StoreConnections connections,
    IReadOnlyList<AmoAccount> accounts,
    MaintenanceCalendar calendar,
    IConfiguration configuration,
    TimeProvider time,
    IEnumerable<IAcknowledgementAlerts> announcers,
    ILogger<OnCallCommands> logger) : IOnCallCommands
{
    /// <summary>The team's zone when <c>Alerts:TimeZone</c> is not set: weekly windows keep their wall clock in it.
    /// </summary>
    public const string DefaultTimeZone = "Europe/Moscow";

    /// <summary>The team's zone (owned by the alert options; read here by its key).</summary>
    public const string TimeZoneKey = "Alerts:TimeZone";

    private readonly HashSet<string> _accounts = [.. accounts.Select(a => a.Name)];

    public async Task<OnCallReply> ApplyAsync(OnCallCommand command, Actor actor, CancellationToken cancellationToken)
    {
        if (!OnCallCommandKinds.All.Contains(command.Kind))
        {
            return new OnCallReply(OnCallReply.Invalid, Message: CommandRules.Check(command, _accounts, default));
        }

        var needed = command.Kind is OnCallCommandKinds.Maintenance or OnCallCommandKinds.EndMaintenance
            or OnCallCommandKinds.PublishStatus or OnCallCommandKinds.UnpublishStatus
            ? Role.Admin
            : Role.Operator;
        if (!actor.Role.Allows(needed))
        {
            LogRefused(logger, command.Kind, actor.Name, actor.Role.ToName());
            return new OnCallReply(OnCallReply.Forbidden,
                Message: $"{command.Kind} needs the {needed.ToName()} role; {actor.Name} is {actor.Role.ToName()}.");
        }

        var now = time.GetUtcNow();
        if (CommandRules.Check(command, _accounts, now) is { } problem)
        {
            return new OnCallReply(OnCallReply.Invalid, Message: problem);
        }

        await using var session = await connections.BeginAsync(cancellationToken);
        var reply = command.Kind switch
        {
            OnCallCommandKinds.Acknowledge => await IncidentActions.AcknowledgeAsync(session, command, actor, now,
                announcers, cancellationToken),
            OnCallCommandKinds.AcknowledgeBurn => await BurnActions.AcknowledgeAsync(session, command, actor, now,
                cancellationToken),
            OnCallCommandKinds.Note => await IncidentActions.NoteAsync(session, command, actor, now,
                cancellationToken),
            OnCallCommandKinds.Silence => await QuietActions.SilenceAsync(session, command, actor, now,
                cancellationToken),
            OnCallCommandKinds.EndSilence => await SilenceRows.EndAsync(session, command.Id!.Value, actor.Name, now,
                cancellationToken)
                ? new OnCallReply(OnCallReply.Applied, command.Id)
                : new OnCallReply(OnCallReply.NotFound, Message: $"No active silence #{command.Id}."),
            OnCallCommandKinds.Maintenance => await QuietActions.MaintenanceAsync(session, command, actor, now,
                configuration[TimeZoneKey] ?? DefaultTimeZone, cancellationToken),
            OnCallCommandKinds.PublishStatus or OnCallCommandKinds.UnpublishStatus =>
                await StatusPageActions.ApplyAsync(session, command, actor, now, configuration, cancellationToken),
            _ => await QuietActions.EndMaintenanceAsync(session, command.Id!.Value, now, cancellationToken),
        };
        if (reply.Status != OnCallReply.Applied)
        {
            return reply;
        }

        await session.CommitAsync(cancellationToken);
        if (command.Kind is OnCallCommandKinds.Maintenance or OnCallCommandKinds.EndMaintenance)
        {
            calendar.Invalidate();
        }

        if (command.Kind is OnCallCommandKinds.PublishStatus or OnCallCommandKinds.UnpublishStatus)
        {
            StatusPageActions.LogApplied(logger, command, actor);
        }

        LogApplied(logger, command.Kind, reply.Id ?? 0, actor.Name);
        return reply;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "On call: {Kind} #{Id} by {Actor}")]
    private static partial void LogApplied(ILogger logger, string kind, long id, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "On call: {Kind} refused to {Actor} ({Role})")]
    private static partial void LogRefused(ILogger logger, string kind, string actor, string role);
}
