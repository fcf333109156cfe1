using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace AmoHealth.Tests.Infrastructure;

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
