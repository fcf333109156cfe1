using AmoHealth.Core.Checks;
using AmoHealth.Core.Configuration;

namespace AmoHealth.Prober.Configuration;

/// <summary>One account's settings, resolved once at start: the <c>Monitor</c> section with the account's own overrides
/// (<c>Monitor:Accounts:N</c>) on top and the modes decided. Never null on an <see cref="AmoAccount"/>.</summary>
public sealed record AccountSettings(
    string GetPath,
    long? TestLeadId,
    PostMode PostMode,
    HookMode HookMode,
    DpMode DpMode,
    string? DpUrl,
    long? DpStageId,
    long? DpReturnStageId,
    OAuthOptions OAuth,
    IReadOnlyDictionary<string, int> DegradedMs,
    TimeSpan DeliveryDeadline)
{
    private static readonly Dictionary<string, int> DefaultDegradedMs = new(StringComparer.OrdinalIgnoreCase)
    {
        [CheckType.Get] = 2_000,
        [CheckType.Post] = 3_000,
        [CheckType.Web] = 3_000,
        [CheckType.Hook] = 10_000,
        [CheckType.Dp] = 15_000,
    };

    /// <summary>The settings of an account configured with nothing of its own: the defaults.</summary>
    public static AccountSettings Defaults { get; } = Resolve(new MonitorOptions());

    public int DeliveryDeadlineMs => (int)DeliveryDeadline.TotalMilliseconds;

    /// <summary>Response time (ms) above which a correct answer of <paramref name="checkType"/> is degraded.</summary>
    public int DegradedThresholdMs(string checkType) =>
        DegradedMs.TryGetValue(checkType, out var configured) ? configured
        : DefaultDegradedMs.TryGetValue(checkType, out var fallback) ? fallback
        : int.MaxValue;

    /// <summary>The global settings with <paramref name="account"/>'s overrides (none for the seed's).</summary>
    public static AccountSettings Resolve(MonitorOptions global, AccountOptions? account = null)
    {
        var degraded = new Dictionary<string, int>(global.DegradedMs, StringComparer.OrdinalIgnoreCase);
        foreach (var (check, ms) in account?.DegradedMs ?? [])
        {
            degraded[check] = ms;
        }

        var dpStage = account?.DpStageId ?? global.DpStageId;
        var dpUrl = account?.DpUrl ?? global.DpUrl;
        var hook = account?.HookMode ?? global.HookMode;
        var dp = account?.DpMode ?? global.DpMode;
        return new AccountSettings(
            account?.GetPath ?? global.GetPath,
            // A listed account never inherits the seed account's test lead.
            account is null ? global.TestLeadId : account.TestLeadId,
            account?.PostMode ?? global.PostMode,
            hook != HookMode.Auto ? hook : global.PublicUrl is null ? HookMode.Api : HookMode.E2e,
            dp != DpMode.Auto ? dp
                : global.PublicUrl is not null && dpStage is not null ? DpMode.E2e
                : dpUrl is not null ? DpMode.Url
                : DpMode.Api,
            dpUrl,
            dpStage,
            account?.DpReturnStageId ?? global.DpReturnStageId,
            account is null ? global.OAuth : account.OAuth ?? new OAuthOptions(),
            degraded,
            global.DeliveryDeadlineMs is { } deadlineMs
                ? TimeSpan.FromMilliseconds(deadlineMs)
                : global.Cadence.DefaultDeliveryDeadline);
    }
}
