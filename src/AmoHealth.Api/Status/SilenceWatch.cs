using System.Globalization;
using System.Net.Http.Json;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Status;

/// <summary>
/// The last-resort alert for when no Prober is alive at all: when no check has had a result for three intervals
/// and the cluster lease's holder has not looked either (its <c>probing_watch</c> heartbeat is as old), the Api
/// posts one ⚠️ "AmoHealth не проверяет с HH:MM" to Mattermost, and one ✅ when results resume. While a Prober
/// is alive, it raises "not probing" itself, once per cluster and through every channel. With Redis, the Apis
/// agree on one sender per alert (<c>SET NX</c>); without it there is one Api.
/// </summary>
public sealed partial class SilenceWatch(
    StoreConnections connections,
    SchemaState schema,
    IOptions<Info.DashboardOptions> options,
    IConfiguration configuration,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<SilenceWatch> logger,
    StackExchange.Redis.IConnectionMultiplexer? redis = null) : BackgroundService
{
    public const string HttpClientName = "silence-watch";

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    // Well over a send's 10 s limit; a sent alert's claim is then kept for a day.
    private static readonly TimeSpan ClaimWhileSending = TimeSpan.FromMinutes(2);

    private long? _silentSince;
    private bool _announced;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogCheckFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One look at the newest result; sends what is due. Public for tests.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (!await schema.IsReadyAsync(cancellationToken))
        {
            return;
        }

        var (newest, beat) = await ReadAsync(cancellationToken);
        if (newest is not { } last)
        {
            return;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var limit = 3L * options.Value.CheckIntervalMs;
        // A Prober still looking raises "not probing" itself, per account and through every channel.
        var proberAlive = long.TryParse(beat, NumberStyles.None, CultureInfo.InvariantCulture, out var watched) && now - watched <= limit;
        var stale = now - last > limit;
        var language = configuration["Alerts:Language"] == "en" ? "en" : "ru";
        if (stale && !proberAlive && !_announced)
        {
            _silentSince = last;
            var at = DateTimeOffset.FromUnixTimeMilliseconds(last).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            _announced = await AnnounceAsync($"{last}:down", language == "ru"
                ? $"⚠️ **AmoHealth не проверяет amoCRM с {at}**\nНовых результатов нет уже {(now - last) / 60_000} мин. Проверьте службу Prober (amohealth-prober) и её журнал."
                : $"⚠️ **AmoHealth has not checked amoCRM since {at}**\nNo new results for {(now - last) / 60_000} min. Check the Prober service (amohealth-prober) and its log.",
                cancellationToken);
        }
        else if (!stale && _announced)
        {
            var gap = last - (_silentSince ?? last);
            if (await AnnounceAsync($"{_silentSince}:up", language == "ru"
                    ? $"✅ **AmoHealth снова проверяет amoCRM** (перерыв {gap / 60_000} мин)"
                    : $"✅ **AmoHealth checks amoCRM again** (gap {gap / 60_000} min)", cancellationToken))
            {
                _announced = false;
                _silentSince = null;
            }
        }
    }

    /// <summary>The newest result's time and the cluster's watch heartbeat, on a connection closed before any alert is sent.</summary>
    private async Task<(long? Newest, string? Beat)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var max = connection.Command("SELECT MAX(last_check) FROM check_status");
        var newest = await max.ScalarInt64Async(cancellationToken);
        await using var heartbeat = connection.Command("SELECT \"value\" FROM probe_state WHERE account = @account AND \"key\" = @key")
            .With("@account", string.Empty).With("@key", ProbeStateRecord.WatchHeartbeatKey);
        return (newest, await heartbeat.ExecuteScalarAsync(cancellationToken) as string);
    }

    /// <summary>
    /// Sends the alert unless another Api claimed it first in Redis; true when it is out (by this Api or another).
    /// A failed send gives the claim back, so the next look of any Api tries again; a sent one is kept for a day.
    /// </summary>
    private async Task<bool> AnnounceAsync(string alert, string text, CancellationToken cancellationToken)
    {
        var key = new StackExchange.Redis.RedisKey($"amohealth:silence-alert:{alert}");
        try
        {
            // Claimed for a send's length only: an Api that dies mid-send leaves no claim that silences the rest.
            if (redis is not null && !await redis.GetDatabase().StringSetAsync(key, Environment.MachineName, ClaimWhileSending, StackExchange.Redis.When.NotExists))
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Better twice than never: the alert for a dead Prober must not depend on Redis.
            LogClaimFailed(logger, ex);
        }

        if (await SendAsync(text, cancellationToken))
        {
            try
            {
                await (redis?.GetDatabase().KeyExpireAsync(key, TimeSpan.FromDays(1)) ?? Task.FromResult(true));
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                LogClaimFailed(logger, ex);
            }

            return true;
        }

        try
        {
            await (redis?.GetDatabase().KeyDeleteAsync(key) ?? Task.FromResult(true));
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogClaimFailed(logger, ex);
        }

        return false;
    }

    private async Task<bool> SendAsync(string text, CancellationToken cancellationToken)
    {
        var url = configuration["MATTERMOST_WEBHOOK_URL"] is { Length: > 0 } seed ? seed : configuration["Notifications:Mattermost:Url"];
        if (string.IsNullOrWhiteSpace(url))
        {
            LogNoChannel(logger, text);
            return true;
        }

        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.PostAsJsonAsync(url, new SilenceAlert(text), Apis.ApiJsonContext.Default.SilenceAlert, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            LogSendFailed(logger, (int)response.StatusCode);
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The URL is a secret: only the kind of failure is logged.
            LogSendFailed(logger, 0);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No alert channel for the Api's silence alert: {Text}")]
    private static partial void LogNoChannel(ILogger logger, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the silence alert to Mattermost failed (HTTP {Status}); retrying next check")]
    private static partial void LogSendFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agreeing on one sender of the silence alert in Redis failed; this Api sends it")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking whether results still arrive failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
