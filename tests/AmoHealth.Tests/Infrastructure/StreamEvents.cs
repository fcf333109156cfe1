using System.Net.ServerSentEvents;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>An open <c>/api/stream</c> and its events, read with .NET's SSE parser under a deadline.</summary>
public sealed class StreamEvents : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly IAsyncEnumerator<SseItem<string>> _items;

    private StreamEvents(HttpResponseMessage response)
    {
        Response = response;
        _items = SseReader.ReadAsync(response, _lifetime.Token).GetAsyncEnumerator(_lifetime.Token);
    }

    public HttpResponseMessage Response { get; }

    public static async Task<StreamEvents> OpenAsync(HttpClient client, string path = "/api/stream")
    {
        client.Timeout = Timeout.InfiniteTimeSpan;
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new StreamEvents(response);
    }

    /// <summary>The next <paramref name="count"/> <c>status_update</c> messages, skipping heartbeats.</summary>
    public Task<List<SseItem<string>>> NextUpdatesAsync(int count) =>
        NextAsync(count, item => item.EventType == SseParser.EventTypeDefault);

    /// <summary>The next <paramref name="count"/> events of the given kind (all when null), within 30 s.</summary>
    public async Task<List<SseItem<string>>> NextAsync(int count, Func<SseItem<string>, bool>? where = null)
    {
        var items = new List<SseItem<string>>();
        using var deadline = new CancellationTokenSource(Wait);
        while (items.Count < count)
        {
            var next = _items.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, Task.Delay(Timeout.Infinite, deadline.Token).ContinueWith(_ => false)) != next)
            {
                throw new TimeoutException(
                    $"Only {items.Count} of {count} events arrived within {Wait.TotalSeconds} s.");
            }

            if (!await next)
            {
                throw new InvalidOperationException("The stream ended.");
            }

            if (where is null || where(_items.Current))
            {
                items.Add(_items.Current);
            }
        }

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        Response.Dispose();
        try
        {
            await _items.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // Expected: the read was cancelled.
        }
        catch (NotSupportedException)
        {
            // A read that timed out is still pending: the test already failed with that timeout, not this.
        }

        _lifetime.Dispose();
    }
}
