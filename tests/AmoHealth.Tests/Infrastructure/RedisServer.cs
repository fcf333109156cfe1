using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence. Fails loudly when Redis is not
/// installed: a test never passes because its environment is missing. With a password, it requires it
/// (<c>requirepass</c>, as production does) and <see cref="ConnectionString"/> carries it.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>The password the server requires (<c>requirepass</c>); none by default.</summary>
    public string? Password { get; init; }

    public int Port { get; private set; }

    public string ConnectionString => Password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={Password}";

    /// <summary>Picks the port without starting the server: a service can be pointed at a Redis that is not there yet.</summary>
    public int ReservePort() => Port = FreePort();

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/bin/redis-server") && !File.Exists("/usr/local/bin/redis-server"))
        {
            throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server); .ci/run installs it.");
        }

        await StartAsync();
    }

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

            var start = new ProcessStartInfo("redis-server")
            {
                ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (Password is not null)
            {
                start.ArgumentList.Add("--requirepass");
                start.ArgumentList.Add(Password);
            }

            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            if (await AnswersAsync(_process))
            {
                return;
            }

            if (!fresh || attempt == 3)
            {
                throw new InvalidOperationException($"redis-server did not answer on port {Port} within 20 s (exited: {_process.HasExited}).");
            }
        }
    }

    private async Task<bool> AnswersAsync(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.ConnectTimeout = 1_000;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
                await connection.GetDatabase().PingAsync();
                return true;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open and nothing answers, as in a stalled host.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Thaws a paused server (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
