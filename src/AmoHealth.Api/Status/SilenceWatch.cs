using System.Globalization;
using AmoHealth.Core.Alerting;
using AmoHealth.Core.Alerting.Channels;
using AmoHealth.Core.Configuration;
using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AmoHealth.Api.Status;

/// <summary>The last-resort alert for when no Prober is alive at all: when no check has had a result for
/// <see cref="Cadence.SilentAfter"/> and the cluster lease's holder has not looked either (its <c>probing_watch</c>
/// heartbeat is as old), the Api raises one <see cref="ProbingStopped"/> for the whole installation, and one
/// <see cref="ProbingResumed"/> when results resume, worded by the shared alert tables and sent through every channel
/// the Prober uses (<c>Notifications:*</c>, <c>MATTERMOST_WEBHOOK_URL</c>). The Api's store is read-only, so it cannot
/// write the outbox: with Redis, the Apis agree on one sender per alert and channel (<c>SET NX</c>); without it there
/// is one Api. While a Prober is alive it raises "not probing" itself.</summary>
public sealed partial class SilenceWatch(
    StoreConnections connections,
    SchemaState schema,
    IOptions<Info.DashboardOptions> options,
    IConfiguration configuration,
    Notifiers notifiers,
    TimeProvider time,
    ILogger<SilenceWatch> logger,
    IConnectionMultiplexer? redis = null) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    // Well over a send's 10 s limit; a sent alert's claim is then kept for a day.
    private static readonly TimeSpan ClaimWhileSending = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ClaimWhenSent = TimeSpan.FromDays(1);

    /// <summary>Alert and channel pairs this Api saw go out; a failed channel alone is tried again.</summary>
    private readonly HashSet<string> _out = new(StringComparer.Ordinal);

    private DateTimeOffset? _silentSince;
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

        var now = time.GetUtcNow();
        var silentAfter = Cadence.FromMilliseconds(options.Value.CheckIntervalMs).SilentAfter;
        // A Prober still looking raises "not probing" itself, per account and through every channel.
        var proberAlive = beat is { } watched && now - watched <= silentAfter;
        var stale = now - last > silentAfter;
        if (stale && !proberAlive && !_announced)
        {
            _silentSince = last;
            _announced = await AnnounceAsync(Key(last, "down"), new ProbingStopped(AlertMessages.Everything, last, now),
                cancellationToken);
        }
        else if (!stale && _announced && _silentSince is { } since
            && await AnnounceAsync(Key(since, "up"), new ProbingResumed(AlertMessages.Everything, since, last),
                cancellationToken))
        {
            _announced = false;
            _silentSince = null;
            _out.Clear();
        }
    }

    /// <summary>The newest result's time and the cluster's watch heartbeat, read before any send.</summary>
    private async Task<(DateTimeOffset? Newest, DateTimeOffset? Beat)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var max = connection.Command("SELECT MAX(last_check) FROM check_status");
        var newest = await max.ScalarInt64Async(cancellationToken);
        await using var heartbeat = connection
            .Command("SELECT \"value\" FROM probe_state WHERE account = @account AND \"key\" = @key")
            .With("@account", string.Empty).With("@key", ProbeStateKeys.ProbingWatch.Name);
        var beat = await heartbeat.ExecuteScalarAsync(cancellationToken) as string;
        return (
            newest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            long.TryParse(beat, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                ? DateTimeOffset.FromUnixTimeMilliseconds(at)
                : null);
    }

    /// <summary>Sends the alert to every channel; true when it is out on all (by this Api or another).</summary>
    private async Task<bool> AnnounceAsync(string alert, AlertEvent raised, CancellationToken cancellationToken)
    {
        var message = AlertMessages.For(raised, AlertLanguages.For(configuration["Alerts:Language"]), null,
            TeamZone.Find(configuration["Alerts:TimeZone"] ?? TeamZone.Default));
        if (notifiers.Enabled.Count == 0)
        {
            LogNoChannel(logger, message.Text);
            return true;
        }

        var all = true;
        foreach (var notifier in notifiers.Enabled)
        {
            all &= await AnnounceToAsync(notifier, $"{alert}:{notifier.Name}", message, cancellationToken);
        }

        return all;
    }

    /// <summary>Sends to one channel unless another Api claimed it first in Redis. A failed send gives the claim back,
    /// so the next look of any Api tries that channel again; a sent one is kept for a day.</summary>
    private async Task<bool> AnnounceToAsync(
        INotifier notifier, string key, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (_out.Contains(key))
        {
            return true;
        }

        var claim = new RedisKey($"amohealth:silence-alert:{key}");
        // Claimed for a send's length only: an Api that dies mid-send leaves no claim that silences the rest.
        if (!await RedisAsync(db =>
                db.StringSetAsync(claim, Environment.MachineName, ClaimWhileSending, When.NotExists)))
        {
            return true;
        }

        var row = new NotificationRecord
        {
            Account = message.Account, CheckType = message.CheckType, Kind = message.Kind, Text = message.Text,
            Channel = notifier.Name, CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        if (await notifier.SendAsync(row, cancellationToken) is { } failure)
        {
            LogSendFailed(logger, notifier.Name, failure);
            await RedisAsync(db => db.KeyDeleteAsync(claim));
            return false;
        }

        _out.Add(key);
        await RedisAsync(db => db.KeyExpireAsync(claim, ClaimWhenSent));
        return true;
    }

    /// <summary>A Redis step; true without Redis or when it fails: the dead Prober's alert must not need it.</summary>
    private async Task<bool> RedisAsync(Func<IDatabase, Task<bool>> step)
    {
        try
        {
            return redis is null || await step(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Better twice than never.
            LogClaimFailed(logger, ex);
            return true;
        }
    }

    private static string Key(DateTimeOffset at, string what) =>
        $"{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{what}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "No alert channel for the Api's silence alert: {Text}")]
    private static partial void LogNoChannel(ILogger logger, string text);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Sending the silence alert to {Channel} failed ({Reason}); retrying next check")]
    private static partial void LogSendFailed(ILogger logger, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Agreeing on one sender of the silence alert in Redis failed; this Api sends it")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking whether results still arrive failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
