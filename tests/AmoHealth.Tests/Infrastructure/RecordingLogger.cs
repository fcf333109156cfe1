using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A logger that keeps every message: a test waits for the message that says something was decided (a check
/// skipped, a result stored) instead of sleeping and hoping nothing else happens meanwhile.
/// </summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public int Count(string containing) => Messages.Count(m => m.Contains(containing, StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue(formatter(state, exception));
}
