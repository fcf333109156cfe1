using System.Collections.Concurrent;
using System.Text.Json;
using AmoHealth.Core.OnCall;
using Microsoft.AspNetCore.Http;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>A stand-in for the Prober's <c>POST /internal/oncall</c> on 127.0.0.1: records each command with the
/// headers it came with, and answers <see cref="Reply"/> (or <see cref="HttpStatus"/> without a body when set).
/// </summary>
public sealed class FakeProber : IAsyncDisposable
{
    private LoopbackServer _server = null!;

    private FakeProber()
    {
    }

    public Uri BaseUri => _server.BaseUri;

    public ConcurrentQueue<Received> Commands { get; } = new();

    public OnCallReply Reply { get; set; } = new(OnCallReply.Applied, 1);

    public int? HttpStatus { get; set; }

    public static async Task<FakeProber> StartAsync()
    {
        var prober = new FakeProber();
        prober._server = await LoopbackServer.StartAsync(prober.HandleAsync);
        return prober;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var command = await JsonSerializer.DeserializeAsync(
            context.Request.Body, OnCallJsonContext.Default.OnCallCommand, context.RequestAborted);
        Commands.Enqueue(new Received(
            $"{context.Request.Method} {context.Request.Path}", command!,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(),
                StringComparer.OrdinalIgnoreCase)));
        if (HttpStatus is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(
            context.Response.Body, Reply, OnCallJsonContext.Default.OnCallReply, context.RequestAborted);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public sealed record Received(string Request, OnCallCommand Command, Dictionary<string, string> Headers);
}
