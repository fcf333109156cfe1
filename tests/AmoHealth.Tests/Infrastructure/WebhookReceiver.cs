using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A real HTTP endpoint that records what amoCRM (the simulator) delivers and answers as told.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private LoopbackServer? _server;

    public int Status { get; set; } = 200;

    /// <summary>When set, the receiver does not answer until this completes.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public IReadOnlyList<Received> Requests => _received.ToArray();

    public Uri Url => new(_server!.BaseUri, "/amo");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._server = await LoopbackServer.StartAsync(receiver.HandleAsync);
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        // A busy account's delivery holds thousands of values (the default limit is 1,024).
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(
                new Microsoft.AspNetCore.Http.Features.FormOptions { ValueCountLimit = 100_000 })
            : null;
        _received.Enqueue(new Received(
            context.Request.Path + context.Request.QueryString,
            context.Request.ContentType,
            context.Request.Headers.UserAgent.ToString(),
            context.Request.Headers["X-Amocrm-Requestid"].ToString(),
            form?.ToDictionary(f => f.Key, f => f.Value.ToString()) ?? []));
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        context.Response.StatusCode = Status;
    }

    public async ValueTask DisposeAsync()
    {
        Hold?.TrySetResult();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public sealed record Received(
        string Path, string? ContentType, string UserAgent, string RequestId, Dictionary<string, string> Form);
}
