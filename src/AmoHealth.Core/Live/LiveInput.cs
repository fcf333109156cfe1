using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AmoHealth.Core.Live;

/// <summary>The door every message read from a Redis channel passes: Redis is an input like any other, and anyone who
/// can publish can send garbage, a megabyte or a well-formed lie. A message that does not fit is dropped and counted
/// (<c>amohealth.redis.dropped</c>, tagged by channel and reason), with at most one warning a minute per channel;
/// nothing here throws.</summary>
public sealed partial class LiveInput(Meter meter, TimeProvider time, ILogger<LiveInput> logger)
{
    /// <summary>The largest message read, in bytes; our own are a few hundred.</summary>
    public const int MaxBytes = 64 * 1024;

    public const string DroppedCounter = "amohealth.redis.dropped";

    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true);

    private readonly Counter<long> _dropped = meter.CreateCounter<long>(
        DroppedCounter, "{message}",
        "Messages read from Redis and dropped: malformed, oversized or not what the channel carries");

    private readonly ConcurrentDictionary<string, ChannelWarnings> _warnings = new(StringComparer.Ordinal);

    /// <summary>The message as text when it is a non-empty UTF-8 string of at most <paramref name="maxBytes"/>;
    /// otherwise dropped.</summary>
    public bool TryRead(string channel, RedisValue message, [NotNullWhen(true)] out string? text,
        int maxBytes = MaxBytes)
    {
        text = null;
        if (message.IsNullOrEmpty || (byte[]?)message is not { } bytes)
        {
            Drop(channel, "empty");
            return false;
        }

        if (bytes.Length > maxBytes)
        {
            Drop(channel, "oversized");
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            Drop(channel, "not_utf8");
            return false;
        }
    }

    /// <summary>
    /// The message read as <typeparamref name="T"/> and accepted by <paramref name="problem"/> (which names what is
    /// wrong, or returns null); otherwise null, and the message is dropped.
    /// </summary>
    public T? TryParse<T>(string channel, string text, JsonTypeInfo<T> type, Func<T, string?> problem)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(text, type);
        }
        catch (Exception ex)
            when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            Drop(channel, "malformed");
            return null;
        }

        if (value is null)
        {
            Drop(channel, "malformed");
            return null;
        }

        if (problem(value) is { } wrong)
        {
            Drop(channel, wrong);
            return null;
        }

        return value;
    }

    /// <summary>Counts a dropped message; the first drop on a channel in a minute is also logged, with how many went
    /// unlogged.</summary>
    public void Drop(string channel, string reason)
    {
        _dropped.Add(1, new KeyValuePair<string, object?>("channel", channel),
            new KeyValuePair<string, object?>("reason", reason));
        var warnings = _warnings.GetOrAdd(channel, _ => new ChannelWarnings());
        var now = time.GetUtcNow();
        long unlogged;
        lock (warnings)
        {
            if (warnings.LastLogged is { } last && now - last < LogEvery)
            {
                warnings.Unlogged++;
                return;
            }

            unlogged = warnings.Unlogged;
            warnings.Unlogged = 0;
            warnings.LastLogged = now;
        }

        LogDropped(logger, channel, reason, unlogged);
    }

    private sealed class ChannelWarnings
    {
        public DateTimeOffset? LastLogged { get; set; }

        public long Unlogged { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Dropped a message on Redis channel {Channel} ({Reason}); {Unlogged} more were dropped since the " +
            "last warning")]
    private static partial void LogDropped(ILogger logger, string channel, string reason, long unlogged);
}
