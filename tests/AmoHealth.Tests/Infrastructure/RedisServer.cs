using System.Diagnostics;
using System.Globalization;
using AmoHealth.Hosting;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, started as the AppHost starts it (<see cref="LocalRedis"/>).
/// Fails loudly when Redis is not installed: a test never passes because its environment is missing. With a
/// password, it requires it (<c>requirepass</c>, as production does) and <see cref="ConnectionString"/> carries it.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>The password the server requires (<c>requirepass</c>); none by default.</summary>
    public string? Password { get; init; }

    public int Port { get; private set; }

    public string ConnectionString =>
        Password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={Password}";

    /// <summary>Picks the port without starting the server: a service may point at a Redis not there yet.</summary>
    public int ReservePort() => Port = FreePort();

    public Task InitializeAsync() => StartAsync();

    /// <summary>
    /// Starts (or restarts on the same port) the server and waits until it answers PING. On a first start, a port
    /// another process took in the meantime gets the server a new one instead of a failed test.
    /// </summary>
    public async Task StartAsync()
    {
        var fresh = Port == 0;
        for (var attempt = 1; ; attempt++)
        {
            if (fresh)
            {
                Port = FreePort();
            }

            // Not watched by a shell: Pause and Resume signal the server itself.
            var command = LocalRedis.ServerCommand(Port.ToString(CultureInfo.InvariantCulture), Password);
            var start = new ProcessStartInfo(command.FileName, command.Arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var process = _process;
            try
            {
                await LocalRedis.WaitUntilReadyAsync(Port, Password, () => process.HasExited, TimeSpan.FromSeconds(20));
                return;
            }
            catch (InvalidOperationException) when (fresh && attempt < 3)
            {
                // Most likely the port was taken between picking and binding it: another one.
                await StopAsync();
            }
        }
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open, nothing answers, as in a stalled host.</summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => StopAsync();

    public static int FreePort() => LocalPrograms.FreePort();
}
