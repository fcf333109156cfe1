using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Slo;

/// <summary>Every target is a percent in (0, 100) exclusive of 100 (a 100 % target has no budget to burn), and the
/// window is 1..90 days (the minute rollups' horizon is not needed; hours and days cover it).</summary>
public sealed class SloOptionsValidator : IValidateOptions<SloOptions>
{
    public ValidateOptionsResult Validate(string? name, SloOptions options)
    {
        var failures = new List<string>();
        Check(failures, "Slo:Target", options.Target);
        foreach (var (check, value) in options.Checks)
        {
            Check(failures, $"Slo:Checks:{check}:Target", value.Target);
        }

        foreach (var (account, value) in options.Accounts)
        {
            Check(failures, $"Slo:Accounts:{account}:Target", value.Target);
            foreach (var (check, own) in value.Checks)
            {
                Check(failures, $"Slo:Accounts:{account}:Checks:{check}:Target", own.Target);
            }
        }

        if (options.WindowDays is < 1 or > 90)
        {
            failures.Add($"Slo:WindowDays must be 1..90 days, not {options.WindowDays}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, double? target)
    {
        if (target is { } percent && (double.IsNaN(percent) || percent <= 0 || percent >= 100))
        {
            failures.Add($"{key} must be a percent above 0 and below 100 (e.g. 99.9), not {percent}.");
        }
    }
}
