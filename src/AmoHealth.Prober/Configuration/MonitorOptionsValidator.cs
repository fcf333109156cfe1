using AmoHealth.Core.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Configuration;

/// <summary>Checks <see cref="MonitorOptions"/> at start, with the accounts' overrides applied; each problem names its
/// key (the seed's variable where there is one) and says what to set.</summary>
public sealed class MonitorOptionsValidator : IValidateOptions<MonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Each listed account must be complete, named uniquely, and valid with its overrides applied.</summary>
    private static IEnumerable<string> AccountProblems(MonitorOptions o)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(o.Domain) && AmoAccount.TryParseBaseUri(o.Domain) is { } seedUri)
        {
            names.Add(string.IsNullOrWhiteSpace(o.Account) ? seedUri.Authority : o.Account);
        }

        for (var i = 0; i < o.Accounts.Count; i++)
        {
            var account = o.Accounts[i];
            var key = $"Monitor:Accounts:{i}";
            if (string.IsNullOrWhiteSpace(account.Name) || !names.Add(account.Name))
            {
                yield return $"{key}:Name is required and must be unique among the accounts.";
            }

            if (AmoAccount.TryParseBaseUri(account.Domain) is null)
            {
                yield return $"{key}:Domain must be a domain such as example.amocrm.ru or an http(s) URL.";
            }

            if (string.IsNullOrWhiteSpace(account.AccessToken) && account.OAuth?.Enabled != true)
            {
                yield return $"{key}:AccessToken (or {key}:OAuth) is required.";
            }

            var merged = AccountSettings.Resolve(o, account);
            if (merged.DpMode == DpMode.E2e && (merged.DpStageId is null || merged.DpReturnStageId is null))
            {
                yield return $"{key}:DpStageId and {key}:DpReturnStageId are needed for its end-to-end DP check.";
            }
        }
    }

    private static IEnumerable<string> Problems(MonitorOptions o)
    {
        foreach (var problem in AccountProblems(o))
        {
            yield return problem;
        }

        var seed = AccountSettings.Resolve(o);
        if (string.IsNullOrWhiteSpace(o.Domain) && o.Accounts.Count > 0)
        {
            // Only the listed accounts are watched.
        }
        else if (string.IsNullOrWhiteSpace(o.Domain))
        {
            yield return "AMOCRM_DOMAIN (or Monitor:Domain) is required: the amoCRM account to watch, e.g. " +
                "example.amocrm.ru.";
        }
        else if (AmoAccount.TryParseBaseUri(o.Domain) is null)
        {
            yield return "AMOCRM_DOMAIN (or Monitor:Domain) must be a domain such as example.amocrm.ru or an http(s) " +
                "URL.";
        }

        if (o.OAuth.Enabled
            && (string.IsNullOrWhiteSpace(o.OAuth.ClientSecret) || string.IsNullOrWhiteSpace(o.OAuth.RedirectUri)))
        {
            yield return "Monitor:OAuth:ClientSecret and Monitor:OAuth:RedirectUri are required with " +
                "Monitor:OAuth:ClientId.";
        }

        if ((o.OAuth.Enabled || o.Accounts.Any(a => a.OAuth?.Enabled == true))
            && OAuthOptions.DecodeKey(o.OAuth.EncryptionKey) is null)
        {
            yield return "Monitor:OAuth:EncryptionKey must be 32 random bytes in base64 (openssl rand -base64 32), " +
                "the same on every Prober: "
                + "it encrypts the OAuth tokens in the database.";
        }

        if (o.OAuth.PreviousEncryptionKey is { Length: > 0 } previous && OAuthOptions.DecodeKey(previous) is null)
        {
            yield return "Monitor:OAuth:PreviousEncryptionKey, when set, must be 32 bytes in base64: the key the " +
                "OAuth tokens were stored with.";
        }

        if (string.IsNullOrWhiteSpace(o.AccessToken) && !o.OAuth.Enabled && !string.IsNullOrWhiteSpace(o.Domain))
        {
            yield return "AMOCRM_ACCESS_TOKEN (or Monitor:AccessToken) is required: a long-lived token of the " +
                "integration (or configure Monitor:OAuth).";
        }

        if (!o.GetPath.StartsWith('/'))
        {
            yield return "Monitor:GetPath must start with '/'.";
        }

        if (o.HeartbeatUrl is not null
            && (!Uri.TryCreate(o.HeartbeatUrl, UriKind.Absolute, out var heartbeat)
            || heartbeat.Scheme is not ("http" or "https")))
        {
            yield return "Monitor:HeartbeatUrl must be an absolute http(s) URL.";
        }

        if (o.DpUrl is not null && !Uri.TryCreate(o.DpUrl, UriKind.Absolute, out _))
        {
            yield return "Monitor:DpUrl must be an absolute URL.";
        }

        foreach (var (checkType, ms) in o.DegradedMs)
        {
            if (!Core.Checks.CheckType.IsKnown(checkType.ToUpperInvariant()) || ms <= 0)
            {
                yield return $"Monitor:DegradedMs:{checkType} must name a check (GET, POST, WEB, HOOK, DP) and be a " +
                    $"positive number of ms.";
            }
        }

        if (o.PublicUrl is not null
            && (!Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var publicUri)
            || publicUri.Scheme is not ("http" or "https")))
        {
            yield return "PUBLIC_URL (Monitor:PublicUrl) must be an absolute http(s) URL.";
        }

        var needsReceiver = seed.HookMode == HookMode.E2e || seed.DpMode == DpMode.E2e;
        if (needsReceiver && o.PublicUrl is null)
        {
            yield return "PUBLIC_URL (Monitor:PublicUrl) is required for the end-to-end HOOK and DP checks (or set " +
                "Monitor:HookMode/DpMode).";
        }

        if (needsReceiver
            && (o.HookSecret is null || o.HookSecret.Length < 16 || !o.HookSecret.All(char.IsAsciiLetterOrDigit)))
        {
            yield return "Monitor:HookSecret must be at least 16 letters or digits when PUBLIC_URL is set: it guards " +
                "the webhook receiver.";
        }

        if (o.HookSecretPrevious is { Length: > 0 } previousSecret
            && (previousSecret.Length < 16 || !previousSecret.All(char.IsAsciiLetterOrDigit)
                || previousSecret == o.HookSecret))
        {
            yield return "Monitor:HookSecretPrevious must be at least 16 letters or digits and differ from " +
                "Monitor:HookSecret.";
        }

        if (!string.IsNullOrWhiteSpace(o.Domain) && seed.DpMode == DpMode.E2e
            && (o.DpStageId is null || o.DpReturnStageId is null || o.DpStageId == o.DpReturnStageId))
        {
            yield return "Monitor:DpStageId and Monitor:DpReturnStageId must both be set, and differ, for the " +
                "end-to-end DP check.";
        }

        if (seed.DpMode == DpMode.Url && o.DpUrl is null)
        {
            yield return "Monitor:DpUrl is required when Monitor:DpMode is url.";
        }

        if (needsReceiver && seed.DeliveryDeadlineMs >= o.CheckIntervalMs)
        {
            yield return "Monitor:DeliveryDeadlineMs must be shorter than CHECK_INTERVAL (Monitor:CheckIntervalMs).";
        }

        if (SeedRules.IntervalProblem(o.CheckIntervalMs) is { } intervalProblem)
        {
            yield return intervalProblem;
        }
        else if (SeedRules.TimeoutProblem(o.EffectiveTimeoutMs, o.CheckIntervalMs) is { } timeoutProblem)
        {
            yield return timeoutProblem;
        }
    }
}
