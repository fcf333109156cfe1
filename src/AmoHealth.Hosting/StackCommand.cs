using System.Diagnostics;
using System.Globalization;

namespace AmoHealth.Hosting;

/// <summary>
/// The launchers from a shell, so that scripts start Redis, PostgreSQL and the Nginx site as the AppHost and the
/// tests do:
/// <code>
/// start --dir DIR [--owner PID] [--redis [--redis-port N] [--redis-password P | --redis-config FILE]]
///       [--postgres [--postgres-port N] [--postgres-setting NAME=VALUE]...]   prints REDIS_PORT=, POSTGRES_PORT=
/// stop --dir DIR
/// nginx-site --template FILE --out FILE        the template's NAME=value pairs on standard input, one a line
/// nginx-server --prefix DIR --site FILE        a private Nginx's nginx.conf; prints its path
/// </code>
/// </summary>
public static class StackCommand
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        try
        {
            var options = new CommandLine(args.Skip(1).ToList());
            switch (args.FirstOrDefault())
            {
                case "start":
                    await StartAsync(options, output);
                    return 0;
                case "stop":
                    await StopAsync(options.Required("dir"));
                    return 0;
                case "nginx-site":
                    RenderSite(options, input);
                    return 0;
                case "nginx-server":
                    output.WriteLine(
                        NginxSiteRenderer.WritePrivateServer(options.Required("prefix"), options.Required("site")));
                    return 0;
                default:
                    error.WriteLine("usage: AmoHealth.Hosting start|stop|nginx-site|nginx-server [options]");
                    return 2;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            error.WriteLine($"AmoHealth.Hosting: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Starts each server detached under a watch (it stops when <c>--owner</c> exits, or on <c>stop</c>),
    /// waits until it answers, and prints shell assignments of the ports.</summary>
    private static async Task StartAsync(CommandLine options, TextWriter output)
    {
        var dir = Directory.CreateDirectory(options.Required("dir")).FullName;
        var owner = int.TryParse(options.Text("owner"), out var pid) ? pid : Environment.ProcessId;
        var started = new List<string>();
        if (options.Has("redis"))
        {
            var port = options.Port("redis-port");
            var config = options.Text("redis-config");
            var password = options.Text("redis-password");
            var command = LocalRedis.ServerCommand(Number(port), config is null ? password : null, config)
                .WatchedBy(owner, Path.Combine(dir, "redis.log"));
            var process = StartDetached(command);
            started.Add($"redis {process.Id}");
            await LocalRedis.WaitUntilReadyAsync(
                port, config is null ? password : LocalRedis.PasswordIn(config), () => process.HasExited, ReadyWithin);
            output.WriteLine($"REDIS_PORT={Number(port)}");
        }

        if (options.Has("postgres"))
        {
            var port = options.Port("postgres-port");
            var bin = LocalPostgres.FindBinDirectory(Environment.GetEnvironmentVariable("AMOHEALTH_PG_BIN"));
            var data = Path.Combine(dir, "pg");
            LocalPostgres.EnsureCluster(bin, data);
            var log = Path.Combine(dir, "postgres.log");
            File.WriteAllText(log, string.Empty);
            LocalPostgres.HandOverFile(log);
            var process = StartDetached(
                LocalPostgres.ServerCommand(bin, data, Number(port), options.All("postgres-setting"), owner, log));
            started.Add($"postgres {process.Id} {bin} {data}");
            await LocalPostgres.WaitUntilReadyAsync(port, () => process.HasExited, ReadyWithin);
            output.WriteLine($"POSTGRES_PORT={Number(port)}");
        }

        await File.AppendAllLinesAsync(Path.Combine(dir, "stack.pids"), started);
    }

    private static async Task StopAsync(string dir)
    {
        var pids = Path.Combine(dir, "stack.pids");
        foreach (var line in File.Exists(pids) ? await File.ReadAllLinesAsync(pids) : [])
        {
            var parts = line.Split(' ');
            var watch = int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (parts[0] == "postgres")
            {
                // pg_ctl waits for the shutdown; the watch ends with the server.
                LocalPostgres.Stop(parts[2], parts[3], "fast");
            }
            else
            {
                using var kill = Process.Start("kill", ["-TERM", parts[1]]);
                await kill.WaitForExitAsync();
            }

            using var gone = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Directory.Exists($"/proc/{watch}") && !gone.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
        }

        File.Delete(pids);
    }

    /// <summary>Renders the site from the template with the values on standard input (no secret in argv).</summary>
    private static void RenderSite(CommandLine options, TextReader input)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        while (input.ReadLine() is { } line)
        {
            if (line.IndexOf('=', StringComparison.Ordinal) is var at and > 0)
            {
                given[line[..at]] = line[(at + 1)..];
            }
        }

        string Value(string name) =>
            given.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is not given");
        int Port(string name) => int.TryParse(Value(name), CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new ArgumentException($"{name} must be a port number, got '{Value(name)}'");
        var values = new NginxSiteValues
        {
            ServerName = Value("SERVER_NAME"),
            GatewayPort = Port("GATEWAY_PORT"),
            ListenHost = given.GetValueOrDefault("LISTEN_HOST") is { Length: > 0 } host ? host : null,
            HttpPort = Port("HTTP_PORT"),
            HttpsPort = Port("HTTPS_PORT"),
            Certificate = Value("CERT"),
            CertificateKey = Value("CERT_KEY"),
            Snippets = Value("SNIPPETS"),
            AcmeRoot = Value("ACME_ROOT"),
            AccessLog = Value("ACCESS_LOG"),
            HooksErrorLog = Value("HOOKS_ERROR_LOG"),
            ProxyHeader = Value("PROXY_HEADER"),
            ProxySecret = Value("PROXY_SECRET"),
            CacheDirectory = given.GetValueOrDefault("CACHE_DIR") is { Length: > 0 } cache ? cache
                : NginxSiteValues.DefaultCacheDirectory,
        };
        var site = NginxSiteRenderer.Render(File.ReadAllText(options.Required("template")), values);
        var path = options.Required("out");
        // The site holds the proxy secret: readable by its owner (root, Nginx's master) only, before it is written.
        File.WriteAllText(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, site);
    }

    /// <summary>Starts a server that outlives this process: its standard streams are this process's pipes, which the
    /// watch's shell replaces by its log file at once, so a caller reading this output does not wait for it.</summary>
    private static Process StartDetached(ServerCommand command)
    {
        var start = new ProcessStartInfo(command.FileName, command.Arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        return Process.Start(start) ?? throw new InvalidOperationException($"{command.FileName} did not start.");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
