using System.Security.Cryptography;
using System.Text;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Probes.Hooks;

public static partial class HookReceiverApi
{
    public const string PathPrefix = "/hooks/amocrm";

    /// <summary>A webhook body larger than this is refused (413): amoCRM's are a few kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Maps <c>POST /hooks/amocrm/{secret}</c>, where amoCRM delivers account webhooks and (with
    /// <c>?probe=dp</c>) Digital Pipeline actions. amoCRM sends form-urlencoded bodies and gives a receiver
    /// 2 seconds, so the answer is an immediate 200; a wrong secret is a 404, as for any unknown path.
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
        if (!SecretMatches(options.Value.HookSecret, secret))
        {
            return Microsoft.AspNetCore.Http.Results.NotFound();
        }

        // The limit holds in the app too, not only in Nginx: a flood to a leaked secret costs next to nothing.
        if (request.ContentLength > MaxBodyBytes)
        {
            return Microsoft.AspNetCore.Http.Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            try
            {
                var read = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
                {
                    ValueCountLimit = 512,
                    ValueLengthLimit = MaxBodyBytes,
                    MultipartBodyLengthLimit = MaxBodyBytes,
                    KeyLengthLimit = 256,
                }, cancellationToken);
                foreach (var (key, value) in read)
                {
                    form[key] = value.ToString();
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                return Microsoft.AspNetCore.Http.Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
        }

        var kind = request.Query["probe"] == "dp" ? Delivery.DigitalPipeline : Delivery.AccountWebhook;
        var delivery = new Delivery(kind, request.Query["account"].ToString(), form, receivedAt);
        var matched = waiters.Deliver(delivery);
        if (matched == 0)
        {
            // The waiting check may be on another Prober (several share the accounts).
            relay.Share(delivery);
        }

        LogReceived(loggers.CreateLogger(typeof(HookReceiverApi)), kind, form.Count, matched);
        return Microsoft.AspNetCore.Http.Results.Text("ok", "text/plain");
    }

    private static bool SecretMatches(string? expected, string given) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Received a {Kind} webhook with {FieldCount} fields; {Matched} check(s) waiting for it")]
    private static partial void LogReceived(ILogger logger, string kind, int fieldCount, int matched);
}
