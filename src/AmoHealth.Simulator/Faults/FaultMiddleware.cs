using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.OAuth;
using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Faults;

/// <summary>
/// In front of every amoCRM endpoint: records the request, enforces the account block and the rate limits,
/// applies injected faults, and adds the realistic latency of a healthy amoCRM.
/// </summary>
public sealed class FaultMiddleware(
    RequestDelegate next,
    FaultStore faults,
    RateLimiter limiter,
    RequestLog log,
    Latency latency,
    IOptions<SimulatorOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = AmoEndpoint.Of(context.Request.Path);
        var isMattermost = context.Request.Path.StartsWithSegments("/hooks");
        if (endpoint == AmoEndpoint.None && !isMattermost)
        {
            await next(context);
            return;
        }

        var arrivedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            if (isMattermost)
            {
                await next(context);
            }
            else
            {
                await HandleAsync(context, endpoint);
            }
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
            log.Add(new RequestLog.Entry(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                isMattermost ? "mattermost" : endpoint,
                arrivedAt,
                status));
        }
    }

    private async Task HandleAsync(HttpContext context, string endpoint)
    {
        var api = AmoEndpoint.IsApi(endpoint);
        if (api && faults.Blocked)
        {
            await AmoErrors.WriteAsync(context, 403);
            return;
        }

        var active = faults.Take(endpoint);
        var extra = active.Sum(f => f.LatencyMs ?? 0);
        if (extra > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(extra), time, context.RequestAborted);
        }

        if (active.FirstOrDefault(f => f.Status is not null || f.Mode is not null) is { } fault)
        {
            await ApplyAsync(context, fault);
            return;
        }

        if (api && !limiter.TryAcquire(BearerFilter.ReadBearer(context.Request)))
        {
            await AmoErrors.WriteAsync(context, 429, options.Value.RateLimit.Format);
            return;
        }

        await latency.DelayAsync(context.RequestAborted);
        await next(context);
    }

    private async Task ApplyAsync(HttpContext context, Fault fault)
    {
        switch (fault.Mode)
        {
            case Fault.Timeout:
                // Never answer: hold the request until the client gives up or the simulator stops.
                using (var hold = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted,
                    lifetime.ApplicationStopping))
                {
                    try
                    {
                        await Task.Delay(Timeout.InfiniteTimeSpan, time, hold.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        context.Abort();
                    }
                }

                return;
            case Fault.Reset:
                context.Abort();
                return;
            case Fault.Throttle:
                await AmoErrors.WriteAsync(context, 429, fault.Format ?? options.Value.RateLimit.Format);
                return;
            case Fault.Block:
                faults.Block();
                await AmoErrors.WriteAsync(context, 403);
                return;
            default:
                await AmoErrors.WriteAsync(context, fault.Status!.Value, fault.Format
                    ?? options.Value.RateLimit.Format);
                return;
        }
    }
}
