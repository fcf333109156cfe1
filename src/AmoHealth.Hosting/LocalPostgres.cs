using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace AmoHealth.Hosting;

/// <summary>A PostgreSQL server from the machine's own binaries (Debian's <c>postgresql</c> packages), for hosts
/// without a container engine: the AppHost, the tests and the benchmarks use it. The server refuses to run as root, so
/// when this process is root every command runs as the <c>postgres</c> system user through <c>runuser</c>, and the data
/// directory is handed to that user.</summary>
public static class LocalPostgres
{
    public const string ServiceUser = "postgres";

    /// <summary>The superuser <c>initdb</c> creates; local connections are trusted on loopback only.</summary>
    public const string SuperUser = "amohealth";

    /// <summary>The Api's login: SELECT only, granted after each migration (<c>Storage:ReadRole</c>).</summary>
    public const string ReadRole = "amohealth_api";

    public static bool RunningAsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>The folder holding <c>initdb</c> and <c>postgres</c>: <c>Postgres:BinDirectory</c> when given, else the
    /// newest <c>/usr/lib/postgresql/N/bin</c>, else the folder on PATH that has both.</summary>
    public static string FindBinDirectory(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "postgres"))
                ? configured
                : throw new InvalidOperationException(
                    $"Postgres:BinDirectory '{configured}' holds no 'postgres' program.");
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"),
                    Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault()
            : null;
        var onPath = LocalPrograms.FindOnPath("initdb") is { } initdb
            && File.Exists(Path.Combine(Path.GetDirectoryName(initdb)!, "postgres"))
                ? Path.GetDirectoryName(initdb)
                : null;
        return debian ?? onPath ?? throw new InvalidOperationException(
            "Storage:Provider is postgres without a PostgreSQL server to start: install one (Debian/Ubuntu: "
            + "sudo apt-get install postgresql), or set Postgres:BinDirectory, or point ConnectionStrings:amohealth "
            + "at an existing server with Postgres:Mode=external.");
    }

    /// <summary>
    /// Creates the cluster in <paramref name="dataDirectory"/> unless one is there, and stops a server a killed
    /// run left behind on it, so the next start does not fail on a stale lock.
    /// </summary>
    public static void EnsureCluster(string binDirectory, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        HandOver(dataDirectory);
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                // pg_ctl says "no server running" (exit 3) for a stale pid file; either way the lock is free after.
                Stop(binDirectory, dataDirectory, "fast");
            }

            return;
        }

        Run(binDirectory, "initdb",
            ["-D", dataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    }

    /// <summary>
    /// The program and arguments that run the server in the foreground on 127.0.0.1:<paramref name="port"/>
    /// (a number, or a placeholder the AppHost fills). With <paramref name="ownerProcessId"/>, the server stops
    /// when that process is gone (<see cref="ServerCommand.WatchedBy"/>).
    /// </summary>
    public static ServerCommand ServerCommand(
        string binDirectory, string dataDirectory, string port, IEnumerable<string>? settings = null,
        int? ownerProcessId = null, string? logFile = null)
    {
        List<string> arguments = ["-D", dataDirectory, "-p", port, "-h", "127.0.0.1", "-k", dataDirectory];
        foreach (var setting in settings ?? [])
        {
            arguments.Add("-c");
            arguments.Add(setting);
        }

        var server = new ServerCommand(Path.Combine(binDirectory, "postgres"), arguments);
        if (ownerProcessId is { } owner)
        {
            server = server.WatchedBy(owner, logFile);
        }

        return RunningAsRoot ? server.As(ServiceUser) : server;
    }

    public static void Stop(string binDirectory, string dataDirectory, string mode = "immediate") =>
        // pg_ctl answers 3 when no server runs and 1 when the folder holds no cluster: both mean "stopped".
        Run(binDirectory, "pg_ctl", ["stop", "-D", dataDirectory, "-m", mode, "-w"], acceptExitCodes: [0, 1, 3]);

    public static string ConnectionString(int port, string database) => string.Create(
        CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username={SuperUser};Database={database}");

    /// <summary>The Api's connection: the same server and database as the read role (loopback is trusted).</summary>
    public static string ReadConnectionString(int port, string database) => string.Create(
        CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username={ReadRole};Database={database}");

    public static Task WaitUntilReadyAsync(int port, Func<bool> exited, TimeSpan timeout) =>
        LocalPrograms.WaitUntilAnswersAsync("postgres", async cancellationToken =>
        {
            await using var connection = new NpgsqlConnection(ConnectionString(port, "postgres") + ";Pooling=false");
            await connection.OpenAsync(cancellationToken);
            return true;
        }, exited, timeout);

    /// <summary>Creates <see cref="ReadRole"/> (a login that owns nothing and may do nothing until it is granted
    /// SELECT); idempotent, and safe when several callers race.</summary>
    public static async Task EnsureReadRoleAsync(NpgsqlConnection superuser, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"DO $$ BEGIN CREATE ROLE {ReadRole} LOGIN; "
            + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;", superuser);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Run(
        string binDirectory, string tool, IEnumerable<string> arguments, int[]? acceptExitCodes = null)
    {
        var command = new ServerCommand(Path.Combine(binDirectory, tool), [.. arguments]);
        if (RunningAsRoot)
        {
            command = command.As(ServiceUser);
        }

        var start = new ProcessStartInfo(command.FileName, command.Arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/",
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{tool} did not finish within two minutes.");
        }

        if (!(acceptExitCodes ?? [0]).Contains(process.ExitCode))
        {
            throw new InvalidOperationException(
                $"{tool} failed (exit {process.ExitCode}): {errors.Result.Trim()} {output.Result.Trim()}".Trim());
        }
    }

    public static void HandOverFile(string path)
    {
        if (OperatingSystem.IsLinux() && RunningAsRoot)
        {
            Chown(path);
        }
    }

    /// <summary>As root, gives the data directory (and passage through the folders above it) to the service user.
    /// </summary>
    private static void HandOver(string dataDirectory)
    {
        if (!OperatingSystem.IsLinux() || !RunningAsRoot)
        {
            return;
        }

        try
        {
            Run("/usr/bin", "id", ["-u", ServiceUser]);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root, and there is no '{ServiceUser}' user to run it as: install the "
                + "postgresql package (it creates the user) or start AmoHealth as an unprivileged user.", ex);
        }

        Chown(dataDirectory);
        var parent = Path.GetDirectoryName(dataDirectory);
        for (; !string.IsNullOrEmpty(parent) && parent != "/"; parent = Path.GetDirectoryName(parent))
        {
            // The server must be able to pass through every folder above its data directory.
            File.SetUnixFileMode(parent, File.GetUnixFileMode(parent) | UnixFileMode.OtherExecute);
        }

        File.SetUnixFileMode(
            dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void Chown(string path)
    {
        var start = new ProcessStartInfo("chown", ["-R", $"{ServiceUser}:", path]) { RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start chown.");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give {path} to the {ServiceUser} user: {errors.Trim()}");
        }
    }
}
