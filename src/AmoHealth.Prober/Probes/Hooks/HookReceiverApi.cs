using System.Security.Cryptography;
using System.Text;
using AmoHealth.Prober.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Hooks;

public static partial class HookReceiverApi
{
    public const string PathPrefix = "/hooks/amocrm";

    /// <summary>
    /// Bytes of a body read at most. amoCRM sends every <c>update_lead</c> of the account, a lead with all its
    /// custom fields, several leads at once; past this the rest is left unread and the answer is still 200.
    /// </summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>How long a body is read at most: amoCRM counts an answer after 2 s as a failed delivery.</summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromMilliseconds(1_000);

    /// <summary>
    /// Maps <c>POST /hooks/amocrm/{secret}</c>, where amoCRM delivers account webhooks and (with
    /// <c>?probe=dp</c>) Digital Pipeline actions. Every delivery with the secret (or the previous one, while
    /// it is rotated) is answered 200 within <see cref="ReadBudget"/>, whatever its size: amoCRM disables a hook
    /// after 100 other answers. A wrong secret is a 404, as for any unknown path.
    /// </summary>
    public static RouteGroupBuilder MapHookReceiver(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(PathPrefix);
        group.MapPost("/{secret}", ReceiveAsync);
        return group;
    }

    private static async Task<IResult> ReceiveAsync(
        string secret,
        HttpRequest request,
        DeliveryWaiters waiters,
        IDeliveryRelay relay,
        IOptions<MonitorOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!SecretMatches(options.Value.HookSecret, secret) && !SecretMatches(options.Value.HookSecretPrevious,
            secret))
        {
            return Microsoft.AspNetCore.Http.Results.NotFound();
        }

        // Our own cap holds instead of Kestrel's: a body over it is answered 200 and its rest never read.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var keys = new MatchKeys();
        var scanner = new FormScanner(keys);
        if (IsUrlEncodedForm(request))
        {
            using var budget = new CancellationTokenSource(ReadBudget, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
            try
            {
                await scanner.ScanAsync(request.BodyReader, MaxBodyBytes, linked.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or BadHttpRequestException or IOException)
            {
                // Too slow, or the sender went away: answer with what arrived.
            }
        }

        var kind = request.Query["probe"] == "dp" ? Delivery.DigitalPipeline : Delivery.AccountWebhook;
        var delivery = new Delivery(kind, request.Query["account"].ToString(), keys.ToEntries(), receivedAt);
        var matched = waiters.Deliver(delivery);
        if (matched == 0 && delivery.Leads.Count > 0)
        {
            // The waiting check may be on another Prober (several share the accounts).
            relay.Share(delivery);
        }

        LogReceived(loggers.CreateLogger(typeof(HookReceiverApi)), kind, scanner.BytesRead, scanner.Truncated,
            delivery.Leads.Count, matched);
        return Microsoft.AspNetCore.Http.Results.Text("ok", "text/plain");
    }

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static bool SecretMatches(string? expected, string given) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Received a {Kind} webhook: {Bytes} bytes read (cut short: {Truncated}), {Leads} lead(s) that can "
            + "match; {Matched} check(s) waiting for it")]
    private static partial void LogReceived(ILogger logger, string kind, long bytes, bool truncated, int leads,
        int matched);
}
