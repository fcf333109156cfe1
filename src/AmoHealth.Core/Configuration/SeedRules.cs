using System.Globalization;

namespace AmoHealth.Core.Configuration;

/// <summary>The seed's timing variables and their rules, in one place: the Prober validates its options with them and
/// the AppHost checks the same variables before it starts anything, so both say the same thing. (The AppHost compiles
/// this file in; it references no service code.)</summary>
#if AMOHEALTH_APPHOST
internal static class SeedRules
#else
public static class SeedRules
#endif
{
    public const string CheckInterval = "CHECK_INTERVAL";
    public const string TimeoutThreshold = "TIMEOUT_THRESHOLD";
    public const string MattermostWebhookUrl = "MATTERMOST_WEBHOOK_URL";

    public const int MinIntervalMs = 1_000;
    public const int MaxIntervalMs = 86_400_000;
    public const int MinTimeoutMs = 100;
    public const int MaxTimeoutMs = 600_000;

    /// <summary>The seed's variables, for spotting a mistyped one.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "AMOCRM_DOMAIN", "AMOCRM_ACCESS_TOKEN", "MATTERMOST_WEBHOOK_URL", CheckInterval, TimeoutThreshold, "PORT",
        "PUBLIC_URL",
    ];

    /// <summary><see cref="Cadence.DefaultTimeout"/> in the milliseconds the variables are written in.</summary>
    public static int DefaultTimeoutMs(int intervalMs) =>
        (int)Cadence.FromMilliseconds(intervalMs).DefaultTimeout.TotalMilliseconds;

    /// <summary><see cref="Cadence.DefaultDeliveryDeadline"/> in milliseconds.</summary>
    public static int DefaultDeliveryDeadlineMs(int intervalMs) =>
        (int)Cadence.FromMilliseconds(intervalMs).DefaultDeliveryDeadline.TotalMilliseconds;

    /// <summary><see cref="Cadence.StaleAfter"/> in milliseconds.</summary>
    public static long StaleAfterMs(int intervalMs) =>
        (long)Cadence.FromMilliseconds(intervalMs).StaleAfter.TotalMilliseconds;

    /// <summary>Whole milliseconds, or null when unset; malformed text throws naming the variable.</summary>
    public static int? ReadMs(string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{key} must be a whole number of milliseconds, got '{text}'.");
    }

    public static string? IntervalProblem(int intervalMs) => intervalMs is < MinIntervalMs or > MaxIntervalMs
        ? $"{CheckInterval} (Monitor:CheckIntervalMs) must be between {MinIntervalMs} and {MaxIntervalMs} ms, "
            + $"got {intervalMs}."
        : null;

    public static string? TimeoutProblem(int timeoutMs, int intervalMs) =>
        timeoutMs is < MinTimeoutMs or > MaxTimeoutMs
            ? $"{TimeoutThreshold} (Monitor:TimeoutMs) must be between {MinTimeoutMs} and {MaxTimeoutMs} ms, "
                + $"got {timeoutMs}."
            : timeoutMs >= intervalMs
                ? $"{TimeoutThreshold} (Monitor:TimeoutMs) must be shorter than {CheckInterval} "
                    + $"(Monitor:CheckIntervalMs): {timeoutMs} ms is not shorter than {intervalMs} ms. "
                    + $"Leave {TimeoutThreshold} unset to follow the interval."
                : null;

    /// <summary>Everything wrong with the timing variables as given; empty when they are fine or unset.</summary>
    public static IReadOnlyList<string> Problems(Func<string, string?> read)
    {
        var problems = new List<string>();
        int? interval = null, timeout = null;
        try
        {
            interval = ReadMs(CheckInterval, read(CheckInterval));
        }
        catch (FormatException ex)
        {
            problems.Add(ex.Message);
        }

        try
        {
            timeout = ReadMs(TimeoutThreshold, read(TimeoutThreshold));
        }
        catch (FormatException ex)
        {
            problems.Add(ex.Message);
        }

        var intervalMs = interval ?? 30_000;
        if (IntervalProblem(intervalMs) is { } intervalProblem)
        {
            problems.Add(intervalProblem);
        }
        else if (timeout is { } t && TimeoutProblem(t, intervalMs) is { } timeoutProblem)
        {
            problems.Add(timeoutProblem);
        }

        if (read(MattermostWebhookUrl) is { Length: > 0 } mattermost
            && !(Uri.TryCreate(mattermost, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            // The value is a secret: the message names the key only.
            problems.Add($"{MattermostWebhookUrl} must be an absolute http(s) URL (Mattermost's incoming webhook).");
        }

        return problems;
    }

    /// <summary>Names that look like a mistyped seed variable (one or two letters off), with the one meant.</summary>
    public static IEnumerable<(string Given, string Meant)> Typos(IEnumerable<string> names) =>
        from given in names
        where given.Length >= 4 && !Names.Contains(given, StringComparer.Ordinal)
        from meant in Names
        where Distance(given.ToUpperInvariant(), meant) <= (meant.Length > 6 ? 2 : 1)
        select (given, meant);

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), substitution);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
