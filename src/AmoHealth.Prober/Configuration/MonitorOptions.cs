using System.ComponentModel.DataAnnotations;
using AmoHealth.Core.Configuration;

namespace AmoHealth.Prober.Configuration;

/// <summary>What the Prober watches and how often. Section <c>Monitor</c>; the seed's environment variables
/// (<c>AMOCRM_DOMAIN</c>, <c>AMOCRM_ACCESS_TOKEN</c>, <c>CHECK_INTERVAL</c>, <c>TIMEOUT_THRESHOLD</c>,
/// <c>MATTERMOST_WEBHOOK_URL</c>) override it when set.</summary>
public sealed class MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>The amoCRM account: a bare domain (<c>example.amocrm.ru</c>, reached over https) or a URL with scheme
    /// and port (<c>http://localhost:3100</c>, for the Simulator). From <c>AMOCRM_DOMAIN</c>. Required.</summary>
    public string? Domain { get; set; }

    /// <summary>Long-lived access token (a JWT). From <c>AMOCRM_ACCESS_TOKEN</c>. Required. Never logged.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Name of the account in results, alerts and the dashboard. Default: the domain's host.</summary>
    public string? Account { get; set; }

    /// <summary>Ms between cycles. From <c>CHECK_INTERVAL</c>. Default 30000; at least 1000.</summary>
    public int CheckIntervalMs { get; set; } = 30_000;

    /// <summary>A probe without an answer after this many milliseconds is down. From <c>TIMEOUT_THRESHOLD</c>. Default:
    /// follows the interval (10000, or two thirds of a shorter interval).</summary>
    public int? TimeoutMs { get; set; }

    /// <summary>The timeout in force: <see cref="TimeoutMs"/> or the interval's default.</summary>
    public int EffectiveTimeoutMs => TimeoutMs ?? (int)Cadence.DefaultTimeout.TotalMilliseconds;

    /// <summary>Path of the GET check; some tokens lack <c>/api/v4/account</c>'s scope but read leads.</summary>
    [Required]
    public string GetPath { get; set; } = "/api/v4/account";

    /// <summary>Id of an existing lead the POST check updates. Default: none, so the Prober creates one lead once and
    /// updates it from then on (amoCRM cannot delete leads, so it never creates one per cycle).</summary>
    [Range(1, long.MaxValue)]
    public long? TestLeadId { get; set; }

    /// <summary>URL the DP check requests, for anyone who has a Digital Pipeline health URL. Default: none, and the
    /// check reads the account's pipelines (<c>/api/v4/leads/pipelines</c>), where Digital Pipeline lives.</summary>
    public string? DpUrl { get; set; }

    /// <summary>Where amoCRM reaches AmoHealth's webhook receiver: the public base URL of the Gateway
    /// (<c>https://monitor.example</c>). From <c>PUBLIC_URL</c>. Needed for the end-to-end HOOK and DP checks; amoCRM
    /// refuses destinations without a real domain and valid TLS.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Secret path segment of the receiver URL. Required with <see cref="PublicUrl"/>.</summary>
    public string? HookSecret { get; set; }

    /// <summary>The secret being rotated out: the receiver accepts it beside <see cref="HookSecret"/>, and HOOK removes
    /// its old subscription to it. Remove it once amoCRM's Digital Pipeline actions use the new one. Default:
    /// none.</summary>
    public string? HookSecretPrevious { get; set; }

    /// <summary>HOOK: <c>e2e</c> times the delivery of a webhook triggered by our own write; <c>api</c> is the seed's
    /// <c>GET /api/v4/webhooks</c>. Default <c>auto</c>: e2e when <see cref="PublicUrl"/> is set.</summary>
    public HookMode HookMode { get; set; } = HookMode.Auto;

    /// <summary>DP: <c>e2e</c> moves the test lead into <see cref="DpStageId"/> and times the Digital Pipeline webhook;
    /// <c>url</c> requests <see cref="DpUrl"/>; <c>api</c> reads the pipelines. Default <c>auto</c>: e2e when
    /// <see cref="PublicUrl"/> and <see cref="DpStageId"/> are set, else url when <see cref="DpUrl"/> is, else
    /// api.</summary>
    public DpMode DpMode { get; set; } = DpMode.Auto;

    /// <summary>Stage whose Digital Pipeline action "send webhook" points at
    /// <c>{PublicUrl}/hooks/amocrm/{HookSecret}?account={name}&amp;probe=dp</c>.</summary>
    [Range(1, long.MaxValue)]
    public long? DpStageId { get; set; }

    /// <summary>Stage the lead returns to (unmeasured) before each DP move. Required with DpStageId.</summary>
    [Range(1, long.MaxValue)]
    public long? DpReturnStageId { get; set; }

    /// <summary>How long HOOK and DP wait for a delivery before reporting down, in ms; shorter than the interval.
    /// Default 20000, or two thirds of a shorter interval.</summary>
    [Range(500, 600_000)]
    public int? DeliveryDeadlineMs { get; set; }


    /// <summary>POST: <c>update</c> (default) patches one test lead; <c>create</c> posts a new lead every cycle (the
    /// seed's literal behaviour; amoCRM cannot delete leads, so they accumulate).</summary>
    public PostMode PostMode { get; set; } = PostMode.Update;

    /// <summary>The receiver URL amoCRM delivers to for <paramref name="account"/>, for an account webhook or
    /// (<paramref name="dp"/>) a Digital Pipeline action.</summary>
    public string ReceiverUrl(string account, bool dp = false) => Receiver(HookSecret, account, dp);

    /// <summary>The receiver URL with <see cref="HookSecretPrevious"/>, or null when none is rotated out.</summary>
    public string? PreviousReceiverUrl(string account) =>
        string.IsNullOrEmpty(HookSecretPrevious) ? null : Receiver(HookSecretPrevious, account, dp: false);

    /// <summary><see cref="ReceiverUrl"/> with the secret segment masked, for logs, messages and <c>/api/info</c>: the
    /// operator reads the real secret from <c>Monitor:HookSecret</c> in the configuration.</summary>
    public string MaskedReceiverUrl(string account, bool dp = false) => Receiver("{Monitor:HookSecret}", account, dp);

    private string Receiver(string? secret, string account, bool dp) =>
        $"{PublicUrl?.TrimEnd('/')}/hooks/amocrm/{secret}?account={Uri.EscapeDataString(account)}"
            + (dp ? "&probe=dp" : string.Empty);

    /// <summary>Pinged (GET) once per cycle: a dead-man's switch outside the VPS alerts when pings stop.</summary>
    public string? HeartbeatUrl { get; set; }

    /// <summary>More accounts, with their own settings over these; the seed's variables define the first.</summary>
    public List<AccountOptions> Accounts { get; set; } = [];

    /// <summary>OAuth with refresh tokens, instead of a long-lived <see cref="AccessToken"/>.</summary>
    public OAuthOptions OAuth { get; set; } = new();

    /// <summary>Mattermost incoming webhook. From <c>MATTERMOST_WEBHOOK_URL</c>. A secret: never logged.</summary>
    public string? MattermostWebhookUrl { get; set; }

    /// <summary>Per check, the response time in ms above which a correct answer is <c>degraded</c>. Defaults: GET 2000,
    /// POST 3000, WEB 3000, HOOK 10000, DP 15000 (<see cref="AccountSettings.DegradedThresholdMs"/>).</summary>
    public Dictionary<string, int> DegradedMs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>API requests per second to one account, at most. Default 2: far under amoCRM's 7.</summary>
    [Range(0.05, 5.0)]
    public double MaxRequestsPerSecond { get; set; } = 2.0;

    /// <summary>Seconds to pause API requests after a 429 without <c>retry_after</c>. Default 300, as amoCRM.</summary>
    [Range(1, 86_400)]
    public int DefaultRetryAfterSeconds { get; set; } = 300;

    /// <summary>Minutes between single rechecks of an account amoCRM blocked (403). Default 60.</summary>
    [Range(1, 1_440)]
    public int BlockedRecheckMinutes { get; set; } = 60;

    public TimeSpan CheckInterval => TimeSpan.FromMilliseconds(CheckIntervalMs);

    /// <summary>Every span that follows from the interval (timeouts, deadlines, staleness, lease times).</summary>
    public Cadence Cadence => new(CheckInterval);

    /// <summary>In whole milliseconds, as <c>TIMEOUT_THRESHOLD</c> is given.</summary>
    public TimeSpan Timeout => TimeSpan.FromMilliseconds(EffectiveTimeoutMs);
}
