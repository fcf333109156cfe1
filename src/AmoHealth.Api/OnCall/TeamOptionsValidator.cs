using Microsoft.Extensions.Options;

namespace AmoHealth.Api.OnCall;

/// <summary>Stops the start, naming the key, on a zone this machine does not know or a window that ends before it
/// starts.</summary>
public sealed class TeamOptionsValidator : IValidateOptions<TeamOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TimeZone)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Alerts:TimeZone '{options.TimeZone}' is not a time zone id this machine knows "
                + $"(an IANA id such as {TeamOptions.DefaultTimeZone}).");
        }

        for (var i = 0; i < options.Maintenance.Count; i++)
        {
            if (options.Maintenance[i].End <= options.Maintenance[i].Start)
            {
                failures.Add($"Alerts:Maintenance:{i}:End must be after its Start.");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
