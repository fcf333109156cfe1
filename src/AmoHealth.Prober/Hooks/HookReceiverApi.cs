using System.Security.Cryptography;
using System.Text;
using AmoHealth.Prober.Configuration;
using Microsoft.Extensions.Options;

namespace AmoHealth.Prober.Hooks;

public static partial class HookReceiverApi
{
    public const string PathPrefix = "/hooks/amocrm";

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

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(cancellationToken))
            {
                form[key] = value.ToString();
            }
        }

        var kind = request.Query["probe"] == "dp" ? Delivery.DigitalPipeline : Delivery.AccountWebhook;
        var matched = waiters.Deliver(new Delivery(kind, request.Query["account"].ToString(), form, receivedAt));
        LogReceived(loggers.CreateLogger(typeof(HookReceiverApi)), kind, form.Count, matched);
        return Microsoft.AspNetCore.Http.Results.Text("ok", "text/plain");
    }

    private static bool SecretMatches(string? expected, string given) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Received a {Kind} webhook with {FieldCount} fields; {Matched} check(s) waiting for it")]
    private static partial void LogReceived(ILogger logger, string kind, int fieldCount, int matched);
}
