using System.Diagnostics.Metrics;
using System.Text;
using AmoHealth.Core.Live;
using AmoHealth.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AmoHealth.Tests.Fast;

[Trait("Ring", "Fast")]
public sealed class LiveInputTests : IDisposable
{
    private readonly Meter _meter = new("LiveInputTests." + Guid.NewGuid().ToString("N"));
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, string? Channel, string? Reason)> _dropped = [];
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLogger<LiveInput> _logger = new();
    private readonly LiveInput _input;

    public LiveInputTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == _meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            Assert.Equal(LiveInput.DroppedCounter, instrument.Name);
            var all = tags.ToArray();
            lock (_dropped)
            {
                _dropped.Add((value, Tag(all, "channel"), Tag(all, "reason")));
            }
        });
        _listener.Start();
        _input = new LiveInput(_meter, _time, _logger);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void AnOrdinaryMessageIsReadAsText()
    {
        Assert.True(_input.TryRead("ch", "{\"type\":\"status_update\"} привет", out var text));
        Assert.Equal("{\"type\":\"status_update\"} привет", text);
        Assert.Empty(_dropped);
    }

    [Fact]
    public void EmptyOversizedAndNonUtf8MessagesAreDroppedAndCountedPerChannel()
    {
        Assert.False(_input.TryRead("a", RedisValue.EmptyString, out _));
        Assert.False(_input.TryRead("a", new string('x', LiveInput.MaxBytes + 1), out _));
        Assert.True(_input.TryRead("a", new string('x', LiveInput.MaxBytes), out _));
        Assert.False(_input.TryRead("b", new byte[] { 0x7b, 0xff, 0xfe, 0x7d }, out _));

        Assert.Equal([(1L, "a", "empty"), (1L, "a", "oversized"), (1L, "b", "not_utf8")], _dropped);
    }

    [Fact]
    public void MalformedWrongShapedOrRefusedJsonIsDroppedAndNeverThrows()
    {
        var type = LiveJsonContext.Default.StatusUpdate;
        Assert.Null(_input.TryParse("a", "{\"type\":\"status_upd", type, LiveSchema.Problem));
        Assert.Null(_input.TryParse("a", "null", type, LiveSchema.Problem));
        Assert.Null(_input.TryParse("a", "[1,2]", type, LiveSchema.Problem));
        Assert.Null(
            _input.TryParse("a", "{\"type\":\"status_update\",\"timestamp\":\"soon\"}", type, LiveSchema.Problem));
        Assert.Null(
            _input.TryParse("a", "{\"type\":\"status_update\",\"checkType\":\"GET\",\"account\":\"main\"}", type,
            LiveSchema.Problem));

        Assert.Equal(["malformed", "malformed", "malformed", "malformed", "wrong_type"],
            _dropped.Select(d => d.Reason));
    }

    [Fact]
    public void AtMostOneWarningAMinutePerChannelSaysHowManyWentUnlogged()
    {
        for (var i = 0; i < 100; i++)
        {
            _input.Drop("a", "malformed");
        }

        _input.Drop("b", "oversized");
        Assert.Equal(2, _logger.Messages.Count);

        _time.Advance(TimeSpan.FromSeconds(59));
        _input.Drop("a", "malformed");
        Assert.Equal(2, _logger.Messages.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        _input.Drop("a", "malformed");
        Assert.Equal(3, _logger.Messages.Count);
        Assert.Contains("100 more were dropped", _logger.Messages.Last(), StringComparison.Ordinal);
        Assert.Equal(103, _dropped.Sum(d => d.Value));
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string name) =>
        tags.FirstOrDefault(t => t.Key == name).Value as string;
}
