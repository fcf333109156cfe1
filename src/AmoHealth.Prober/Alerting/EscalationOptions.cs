namespace AmoHealth.Prober.Alerting;

/// <summary>Who is told next when nobody takes an incident (<c>Alerts:Escalation</c>): step k of <see cref="Repeat"/>
/// goes to <see cref="Channels"/> at opened + k × <see cref="AfterMinutes"/> while the incident is open,
/// unacknowledged and not quiet. No channels (the default): no escalation.</summary>
public sealed class EscalationOptions
{
    public const int MaxMinutes = 10_080;
    public const int MaxRepeat = 100;

    public int AfterMinutes { get; set; } = 15;

    public int Repeat { get; set; } = 3;

    /// <summary>Channel names: built-in (mattermost, telegram, webhook) or declared in Alerts:Channels.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>Per-account policies; what one leaves out comes from the section's own values.</summary>
    public Dictionary<string, EscalationOverride> Accounts { get; set; } = [];

    /// <summary>The account's policy, or null when it escalates to nobody.</summary>
    public EscalationPolicy? For(string account)
    {
        var own = Accounts.FirstOrDefault(a => string.Equals(a.Key, account, StringComparison.OrdinalIgnoreCase))
            .Value;
        var channels = own?.Channels is { Count: > 0 } mine ? mine : Channels;
        var repeat = own?.Repeat ?? Repeat;
        return channels.Count == 0 || repeat == 0
            ? null
            : new EscalationPolicy(TimeSpan.FromMinutes(own?.AfterMinutes ?? AfterMinutes), repeat, channels);
    }

    /// <summary>Every channel name with the key that names it.</summary>
    public IEnumerable<(string Key, string Name)> ChannelNames() =>
        Channels.Select((name, i) => ($"Alerts:Escalation:Channels:{i}", name))
            .Concat(Accounts.SelectMany(a => (a.Value.Channels ?? []).Select((name, i) =>
                ($"Alerts:Escalation:Accounts:{a.Key}:Channels:{i}", name))));

    /// <summary>What is wrong, each problem naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        var policies = Accounts.Select(a => ($"Alerts:Escalation:Accounts:{a.Key}", a.Value.AfterMinutes,
                a.Value.Repeat))
            .Prepend(("Alerts:Escalation", AfterMinutes, Repeat));
        foreach (var (key, after, repeat) in policies)
        {
            if (after is < 1 or > MaxMinutes)
            {
                yield return $"{key}:AfterMinutes must be 1 to {MaxMinutes}.";
            }

            if (repeat is < 0 or > MaxRepeat)
            {
                yield return $"{key}:Repeat must be 0 to {MaxRepeat}.";
            }
        }

        foreach (var (key, name) in ChannelNames().Where(c => string.IsNullOrWhiteSpace(c.Name)))
        {
            yield return $"{key} is empty: name a channel.";
        }
    }
}
