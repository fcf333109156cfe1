using System.Diagnostics;
using AmoHealth.AppHost.Postgres;
using Npgsql;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server from the machine's binaries, in a temporary data directory on a free loopback
/// port, shared by the whole test run (each test gets its own database). Started as the <c>postgres</c> user
/// when the tests run as root. Fails loudly when PostgreSQL is not installed: .ci/run installs it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> Instance = new(() => new PostgresServer(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Process _process;
    private readonly string _bin;

    private PostgresServer()
    {
        _bin = LocalPostgres.FindBinDirectory(Environment.GetEnvironmentVariable("AMOHEALTH_PG_BIN"));
        DataDirectory = Path.Combine(Path.GetTempPath(), "amohealth-tests", "pg-" + Guid.NewGuid().ToString("N")[..12]);
        LocalPostgres.EnsureCluster(_bin, DataDirectory);
        Port = RedisServer.FreePort();
        // Durability is not under test: no fsync keeps a test database as fast as a SQLite file.
        var (fileName, arguments) = LocalPostgres.ServerCommand(
            _bin, DataDirectory, Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=400", "shared_buffers=64MB"],
            ownerProcessId: Environment.ProcessId);
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        _process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public static PostgresServer Shared => Instance.Value;

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString(string database) => LocalPostgres.ConnectionString(Port, database);

    /// <summary>A new, empty database on the shared server.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return name;
    }

    /// <summary>Stops the server (immediate shutdown: nothing here needs to survive) and removes its data.</summary>
    public void Dispose()
    {
        try
        {
            LocalPostgres.Run(_bin, "pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], acceptExitCodes: [0, 1, 3]);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes it.
        }
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                connection.Open();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException && DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"postgres exited with {_process.ExitCode} before it was ready.", ex);
                }

                Thread.Sleep(100);
            }
        }
    }
}
