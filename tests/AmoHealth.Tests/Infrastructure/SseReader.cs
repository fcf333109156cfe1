using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Reads Server-Sent Events from a response with .NET's own parser.</summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseItem<string>> ReadAsync(
        HttpResponseMessage response,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            yield return item;
        }
    }
}
