using System.Diagnostics;
using System.Globalization;
using AmoHealth.Hosting;
using Npgsql;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server from the machine's binaries, started as the AppHost starts it
/// (<see cref="LocalPostgres"/>), in a temporary data directory on a free loopback port, shared by the whole test
/// run (each test gets its own database). Fails loudly when PostgreSQL is not installed: .ci/run installs it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> Instance =
        new(() => new PostgresServer(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Process _process;
    private readonly string _bin;

    private PostgresServer()
    {
        _bin = LocalPostgres.FindBinDirectory(Environment.GetEnvironmentVariable("AMOHEALTH_PG_BIN"));
        DataDirectory = Path.Combine(
            Path.GetTempPath(), "amohealth-tests", "pg-" + Guid.NewGuid().ToString("N")[..12]);
        LocalPostgres.EnsureCluster(_bin, DataDirectory);
        Port = LocalPrograms.FreePort();
        // Durability is not under test: no fsync keeps a test database as fast as a SQLite file.
        var command = LocalPostgres.ServerCommand(
            _bin, DataDirectory, Port.ToString(CultureInfo.InvariantCulture),
            [
                "fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=400",
                "shared_buffers=64MB",
            ],
            ownerProcessId: Environment.ProcessId);
        var start = new ProcessStartInfo(command.FileName, command.Arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // A constructor (the Lazy above) cannot await; this runs once per test run.
        LocalPostgres.WaitUntilReadyAsync(Port, () => _process.HasExited, TimeSpan.FromSeconds(30))
            .GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public static PostgresServer Shared => Instance.Value;

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString(string database) => LocalPostgres.ConnectionString(Port, database);

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
            LocalPostgres.Stop(_bin, DataDirectory);
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
}
