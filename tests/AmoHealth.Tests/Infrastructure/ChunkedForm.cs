using System.Net;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A form body sent without Content-Length (chunked), as a client that hides its size would.</summary>
public sealed class ChunkedForm : HttpContent
{
    private readonly string _body;

    public ChunkedForm(string body)
    {
        _body = body;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(_body));

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
