using Microsoft.Extensions.Logging;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>The usable notifiers, decided once at start: a misconfigured one is left out with a warning.</summary>
public sealed partial class Notifiers
{
    public Notifiers(IEnumerable<INotifier> all, IEnumerable<NotifierSection> sections, ILogger<Notifiers> logger)
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
        ByName = usable.ToDictionary(n => n.Name, StringComparer.Ordinal);
        Problems = problems;
    }

    /// <summary>Configured channels that cannot be used, and why (shown on <c>/health</c>, <c>/api/info</c>).</summary>
    public IReadOnlyDictionary<string, string> Problems { get; }

    public IReadOnlyList<INotifier> Enabled { get; }

    public IReadOnlyDictionary<string, INotifier> ByName { get; }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Alert channel {Channel} is disabled: {Problem}. Probing goes on.")]
    private static partial void LogDisabled(ILogger logger, string channel, string problem);
}
