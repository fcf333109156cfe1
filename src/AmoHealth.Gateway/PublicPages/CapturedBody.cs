namespace AmoHealth.Gateway.PublicPages;

/// <summary>
/// A proxied answer's body held in memory up to <c>limit</c> bytes, so that a failed answer can still be replaced
/// by the last good one and a good one kept. Past the limit it passes on what it holds and everything after:
/// a large answer streams as before and is not kept.
/// </summary>
public sealed class CapturedBody(Stream inner, int limit) : Stream
{
    private readonly MemoryStream _buffer = new();

    /// <summary>Whether the body outgrew the limit and went on to the client.</summary>
    public bool PassedThrough { get; private set; }

    /// <summary>The whole body while <see cref="PassedThrough"/> is false.</summary>
    public ReadOnlySpan<byte> Held => _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Sends what is held to the client.</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken) =>
        inner.WriteAsync(_buffer.GetBuffer(), 0, (int)_buffer.Length, cancellationToken);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer,
        CancellationToken cancellationToken = default)
    {
        if (!PassedThrough && _buffer.Length + buffer.Length <= limit)
        {
            _buffer.Write(buffer.Span);
            return;
        }

        if (!PassedThrough)
        {
            PassedThrough = true;
            await ReleaseAsync(cancellationToken);
            _buffer.SetLength(0);
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        PassedThrough ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
        if (PassedThrough)
        {
            inner.Flush();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }
}
