using AmoHealth.Core.Checks;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>The account's guard sent nothing: amoCRM asked us to stop (a 429 pause, a 403 block) until <see cref="Until"/>.</summary>
public sealed class ProbeDeniedException(Outcome deniedAs, string reason, DateTimeOffset? until) : Exception(reason)
{
    public Outcome DeniedAs => deniedAs;

    public DateTimeOffset? Until => until;
}
