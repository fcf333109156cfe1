using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AmoHealth.Core.Storage;

/// <summary>One <c>probe_state</c> key and the one way its value is written and read. A stored text that does not parse
/// (another version's, a hand edit) reads as absent rather than failing the reader.</summary>
public sealed class ProbeStateKey<T>(string name, Func<T, string> format, ProbeStateKey<T>.Parser parse)
    where T : notnull
{
    public delegate bool Parser(string text, [MaybeNullWhen(false)] out T value);

    public string Name => name;

    public string Format(T value) => format(value);

    public bool TryParse(string? text, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        return text is not null && parse(text, out value);
    }

    public override string ToString() => name;
}

/// <summary>The value shapes <c>probe_state</c> uses; the keys themselves are in
/// <see cref="ProbeStateKeys"/>.</summary>
public static class ProbeStateKey
{
    public static ProbeStateKey<long> Id(string name) => new(
        name,
        value => value.ToString(CultureInfo.InvariantCulture),
        (string text, out long value) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value));

    /// <summary>A moment, stored as Unix milliseconds.</summary>
    public static ProbeStateKey<DateTimeOffset> Time(string name) => new(
        name,
        value => value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        (string text, out DateTimeOffset value) =>
        {
            var ok = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                && ms is >= 0 and < 253_402_300_800_000;
            value = ok ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : default;
            return ok;
        });

    public static ProbeStateKey<T> Json<T>(string name, JsonTypeInfo<T> type)
        where T : class => new(
        name,
        value => JsonSerializer.Serialize(value, type),
        (string text, [MaybeNullWhen(false)] out T value) =>
        {
            try
            {
                value = JsonSerializer.Deserialize(text, type);
            }
            catch (JsonException)
            {
                value = null;
            }

            return value is not null;
        });

    /// <summary>A notice: when (Unix ms), a bar, the text; a text without a time (an old row) is taken as
    /// old.</summary>
    public static ProbeStateKey<StateNotice> Notice(string name) => new(
        name,
        value => $"{value.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}|{value.Text}",
        (string text, [MaybeNullWhen(false)] out StateNotice value) =>
        {
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            value = bar > 0
                && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                ? new StateNotice(DateTimeOffset.FromUnixTimeMilliseconds(at), text[(bar + 1)..])
                : new StateNotice(DateTimeOffset.UnixEpoch, text);
            return true;
        });
}
