using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AmoHealth.AppHost;

/// <summary>
/// Where the data lives and how many instances run: <c>Storage:Provider</c> (<c>sqlite</c> or <c>postgres</c>),
/// <c>Scale:Probers</c> and <c>Scale:Apis</c> (1 each by default). SQLite is one file on one host, so it runs
/// one Prober: asking for more is refused with the setting that allows it.
/// </summary>
public sealed record ScaleSettings(bool Postgres, int Probers, int Apis)
{
    public const int MaxInstances = 16;

    public static (ScaleSettings Settings, IReadOnlyList<string> Problems) From(IConfiguration configuration)
    {
        var problems = new List<string>();
        var provider = (configuration["Storage:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        if (provider is not ("sqlite" or "postgres"))
        {
            problems.Add($"Storage:Provider must be sqlite or postgres; got '{configuration["Storage:Provider"]}'.");
        }

        var probers = Count(configuration, "Scale:Probers", problems);
        var apis = Count(configuration, "Scale:Apis", problems);
        if (provider == "sqlite" && probers > 1)
        {
            problems.Add(
                $"Scale:Probers={probers} needs Storage:Provider=postgres: with SQLite (the default) there is one "
                + "Prober, because one file on one host cannot be shared safely between Probers.");
        }

        return (new ScaleSettings(provider == "postgres", probers, apis), problems);
    }

    private static int Count(IConfiguration configuration, string key, List<string> problems)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MaxInstances)
        {
            return count;
        }

        problems.Add($"{key} must be a whole number from 1 to {MaxInstances}; got '{value}'.");
        return 1;
    }
}
