using AmoHealth.Core.OnCall;

namespace AmoHealth.Prober.OnCall;

/// <summary>Applies people's actions (acknowledge, note, silence, maintenance) in one transaction each, with
/// conditional SQL, so two Probers or two clicks never both win. The role is checked here too.</summary>
public interface IOnCallCommands
{
    Task<OnCallReply> ApplyAsync(OnCallCommand command, Actor actor, CancellationToken cancellationToken);
}
