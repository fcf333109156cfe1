using System.Threading.RateLimiting;
using AmoHealth.Api.Apis;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Limits;

/// <summary>At most <see cref="LimitsOptions.CsvPerClient"/> CSV exports and
/// <see cref="LimitsOptions.StreamsPerClient"/> live streams at once per <see cref="ClientKey"/>: a slot is held for
/// the whole response, and at most <see cref="LimitsOptions.ActionsPerMinute"/> actions a minute; the next request is
/// answered 429 problem+json naming the setting.</summary>
public static class ClientLimits
{
    public const string CsvPolicy = "csv-per-client";

    public const string StreamPolicy = "streams-per-client";

    public const string ActionPolicy = "actions-per-client";

    /// <summary>Registers <see cref="LimitsOptions"/> (validated at start) and the two per-client concurrency
    /// policies.</summary>
    public static IServiceCollection AddClientLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>()
            .BindConfiguration(LimitsOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(CsvPolicy, context =>
            {
                var (csv, _) = QueryParameters.Format(context.Request.Query["format"]);
                return csv ? Slots(ClientKey.Of(context), Options(context).CsvPerClient)
                    : RateLimitPartition.GetNoLimiter("json");
            });
            limiter.AddPolicy(StreamPolicy, context => Slots(ClientKey.Of(context), Options(context).StreamsPerClient));
            limiter.AddPolicy(ActionPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey.Of(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Options(context).ActionsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var (limit, detail) = Rejection(rejected.HttpContext.Request, Options(rejected.HttpContext));
                return new ValueTask(TypedResults.Problem(
                    title: "Too many at once", detail: detail, statusCode: StatusCodes.Status429TooManyRequests,
                    extensions: new Dictionary<string, object?> { ["limit"] = limit })
                    .ExecuteAsync(rejected.HttpContext));
            };
        });
        return services;
    }

    private static (string Limit, string Detail) Rejection(HttpRequest request, LimitsOptions options)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return ("Api:Limits:ActionsPerMinute", $"At most {options.ActionsPerMinute} actions a minute per user " +
                "or address (Api:Limits:ActionsPerMinute); wait a minute.");
        }

        return request.Path.StartsWithSegments("/api/stream")
            ? ("Api:Limits:StreamsPerClient", $"At most {options.StreamsPerClient} live streams are open at once per " +
                "user or address (Api:Limits:StreamsPerClient); close one first.")
            : ("Api:Limits:CsvPerClient", $"At most {options.CsvPerClient} CSV exports run at once per user or " +
                "address (Api:Limits:CsvPerClient); wait for one to finish.");
    }

    private static LimitsOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;

    private static RateLimitPartition<string> Slots(string key, int permits) =>
        RateLimitPartition.GetConcurrencyLimiter(
        key, _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 });
}
