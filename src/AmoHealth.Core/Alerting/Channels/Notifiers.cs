using Microsoft.Extensions.Logging;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>The usable notifiers, decided once at start: a misconfigured one is left out with a warning.</summary>
public sealed partial class Notifiers
{
    public Notifiers(
        IEnumerable<INotifier> all, IEnumerable<NotifierSection> sections, ILogger<Notifiers> logger,
        NamedChannels? named = null)
    {
        var configured = sections.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var usable = new List<INotifier>();
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var notifier in all)
        {
            if (notifier.Problem is not { } problem)
            {
                usable.Add(notifier);
            }
            else if (configured.Contains(notifier.Name) || notifier.Name == "mattermost")
            {
                LogDisabled(logger, notifier.Name, problem);
                problems[notifier.Name] = problem;
            }
        }

        Enabled = usable;
        var byName = usable.ToDictionary(n => n.Name, StringComparer.Ordinal);
        // Named channels are found by name only (escalations): the normal alerts never go to them.
        foreach (var notifier in named?.All ?? [])
        {
            if (notifier.Problem is { } problem)
            {
                LogDisabled(logger, notifier.Name, problem);
                problems[notifier.Name] = problem;
            }
            else
            {
                byName.TryAdd(notifier.Name, notifier);
            }
        }

        ByName = byName;
        Problems = problems;
    }

    /// <summary>Configured channels that cannot be used, and why (shown on <c>/health</c>, <c>/api/info</c>).</summary>
    public IReadOnlyDictionary<string, string> Problems { get; }

    /// <summary>The channels every alert goes to (<c>Notifications:*</c>).</summary>
    public IReadOnlyList<INotifier> Enabled { get; }

    /// <summary>Every usable channel by its name: <see cref="Enabled"/> and the named extra channels.</summary>
    public IReadOnlyDictionary<string, INotifier> ByName { get; }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Alert channel {Channel} is disabled: {Problem}. Probing goes on.")]
    private static partial void LogDisabled(ILogger logger, string channel, string problem);
}
