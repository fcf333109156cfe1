using AmoHealth.Gateway.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace AmoHealth.Gateway.PublicPages;

/// <summary>
/// Public status pages (<c>/status/**</c>, route <see cref="RouteId"/>) stay up when the Api does not: every good
/// answer is kept (<see cref="LastGoodCopies"/>), and when the Api fails (5xx, refused) or is slower than the route's
/// 3 s (its cluster's <c>ActivityTimeout</c>), the last good copy is served with <see cref="StaleHeader"/>; its
/// <see cref="SnapshotHeader"/> says how old it is. With no copy the answer is a short 503.
/// </summary>
public static partial class LastGoodAnswers
{
    public const string RouteId = "status";

    public const string StaleHeader = "X-AmoHealth-Stale";

    public const string SnapshotHeader = "X-AmoHealth-Snapshot-At";

    public const string Unavailable = "The status page is not available right now. Try again in a minute.\n";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!string.Equals(context.GetReverseProxyFeature().Route.Config.RouteId, RouteId, StringComparison.Ordinal)
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            await next(context);
            return;
        }

        var key = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var body = new CapturedBody(original.Stream, LastGoodCopies.MaxBodyBytes);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body, original));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(original);
        }

        if (body.PassedThrough || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var copies = context.RequestServices.GetRequiredService<LastGoodCopies>();
        if (context.Features.Get<IForwarderErrorFeature>() is not null || context.Response.StatusCode >= 500)
        {
            await FallBackAsync(context, copies.Find(key), key);
            return;
        }

        if (HttpMethods.IsGet(request.Method) && PublicCopy.Of(context.Response, body.Held) is { } copy)
        {
            copies.Keep(key, copy);
        }

        await body.ReleaseAsync(context.RequestAborted);
    }

    private static async Task FallBackAsync(HttpContext context, PublicCopy? copy, string key)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger("AmoHealth.Gateway.PublicPages");
        var status = context.Response.StatusCode;
        var response = context.Response;
        response.Clear();
        if (context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.SecurityHeaders)
        {
            SecurityHeaders.Apply(context);
        }

        if (copy is null)
        {
            LogNoCopy(logger, key, status);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.ContentType = "text/plain; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.RetryAfter = "30";
            await response.WriteAsync(Unavailable, context.RequestAborted);
            return;
        }

        LogStale(logger, key, status);
        foreach (var (name, value) in copy.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers[StaleHeader] = "1";
        // A browser asks again soon (the Api may be back); its copy is still good for a 304 meanwhile.
        response.Headers.CacheControl = "no-cache";
        var tag = response.Headers.ETag.ToString();
        if (tag.Length > 0 && context.Request.Headers.IfNoneMatch.ToString().Contains(tag, StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentLength = copy.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(copy.Body, context.RequestAborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The Api answered {Status} for {Url}: served the last good copy")]
    private static partial void LogStale(ILogger logger, string url, int status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The Api answered {Status} for {Url} and no copy is kept: 503")]
    private static partial void LogNoCopy(ILogger logger, string url, int status);
}
