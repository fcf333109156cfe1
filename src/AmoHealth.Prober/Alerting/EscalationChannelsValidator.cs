using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Alerting;

/// <summary>Every escalation channel is a built-in channel or declared under <c>Alerts:Channels</c>: read from the
/// configuration, so a misspelt name stops the start naming its key (whether the channel is usable is known only
/// once the notifiers are built; the timers warn then).</summary>
public sealed class EscalationChannelsValidator(IConfiguration configuration) : IValidateOptions<AlertOptions>
{
    public static readonly IReadOnlyList<string> BuiltIn = ["mattermost", "telegram", "webhook"];

    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var declared = configuration.GetSection("Alerts:Channels").GetChildren().Select(c => c.Key)
            .Concat(BuiltIn)
            .ToHashSet(StringComparer.Ordinal);
        var unknown = options.Escalation.ChannelNames()
            .Where(c => !string.IsNullOrWhiteSpace(c.Name) && !declared.Contains(c.Name))
            .Select(c => $"{c.Key} '{c.Name}' is not an alert channel: declare it under Alerts:Channels:{c.Name} "
                + "or use mattermost, telegram or webhook.")
            .ToList();
        return unknown.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unknown);
    }
}
