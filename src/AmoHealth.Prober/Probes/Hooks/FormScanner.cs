using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;

namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body as it streams in and hands on only the pairs whose key
/// <see cref="MatchKeys.Wants"/>. It holds at most one key and one wanted value: other values are skipped
/// without being buffered or decoded, and nothing past <c>maxBytes</c> is read.
/// </summary>
public sealed class FormScanner(MatchKeys keys)
{
    /// <summary>A longer key is no key matching needs (the longest is
    /// <c>leads%5Bstatus%5D%5B499%5D%5Bold_status_id%5D</c>).</summary>
    public const int MaxKeyBytes = 96;

    /// <summary>A longer value is no value matching needs (ids, stage ids, HOOK's marker name).</summary>
    public const int MaxValueBytes = 160;

    private static readonly SearchValues<byte> KeyEnd = SearchValues.Create("&="u8);

    private readonly byte[] _key = new byte[MaxKeyBytes];
    private readonly byte[] _value = new byte[MaxValueBytes];
    private int _keyLength;
    private int _valueLength;
    private bool _inValue;
    private bool _tooLong;
    private string? _wanted;

    public long BytesRead { get; private set; }

    /// <summary>Whether the body went on past the cap (the rest was left unread).</summary>
    public bool Truncated { get; private set; }

    public async Task ScanAsync(PipeReader reader, long maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var room = maxBytes - BytesRead;
            var take = buffer.Length > room ? buffer.Slice(0, room) : buffer;
            foreach (var segment in take)
            {
                Feed(segment.Span);
            }

            BytesRead += take.Length;
            reader.AdvanceTo(take.End);
            if (take.Length < buffer.Length || (BytesRead >= maxBytes && !read.IsCompleted))
            {
                Truncated = true;
                return;
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                EndPair();
                return;
            }
        }
    }

    private void Feed(ReadOnlySpan<byte> span)
    {
        while (!span.IsEmpty)
        {
            if (!_inValue)
            {
                var end = span.IndexOfAny(KeyEnd);
                Append(_key, ref _keyLength, end < 0 ? span : span[..end]);
                if (end < 0)
                {
                    return;
                }

                if (span[end] == (byte)'&')
                {
                    Reset();
                }
                else
                {
                    _inValue = true;
                    _wanted = _tooLong ? null : WantedKey();
                    _tooLong = false;
                }

                span = span[(end + 1)..];
                continue;
            }

            var amp = span.IndexOf((byte)'&');
            if (_wanted is not null)
            {
                Append(_value, ref _valueLength, amp < 0 ? span : span[..amp]);
            }

            if (amp < 0)
            {
                return;
            }

            EndPair();
            span = span[(amp + 1)..];
        }
    }

    private void Append(byte[] target, ref int length, ReadOnlySpan<byte> bytes)
    {
        if (_tooLong || length + bytes.Length > target.Length)
        {
            _tooLong = true;
            return;
        }

        bytes.CopyTo(target.AsSpan(length));
        length += bytes.Length;
    }

    /// <summary>The decoded key when matching needs it; only keys starting with <c>leads</c> are decoded at
    /// all.</summary>
    private string? WantedKey()
    {
        var raw = _key.AsSpan(0, _keyLength);
        if (!raw.StartsWith("leads"u8))
        {
            return null;
        }

        var key = WebUtility.UrlDecode(Encoding.UTF8.GetString(raw));
        return MatchKeys.Wants(key) ? key : null;
    }

    private void EndPair()
    {
        if (_inValue && _wanted is not null && !_tooLong)
        {
            keys.Add(_wanted, WebUtility.UrlDecode(Encoding.UTF8.GetString(_value, 0, _valueLength)));
        }

        Reset();
    }

    private void Reset()
    {
        _keyLength = 0;
        _valueLength = 0;
        _inValue = false;
        _tooLong = false;
        _wanted = null;
    }
}
