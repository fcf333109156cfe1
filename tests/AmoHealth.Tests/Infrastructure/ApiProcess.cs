using System.Diagnostics;
using System.Globalization;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// The built Api (artifacts/bin/AmoHealth.Api) as its own process, started as <c>nobody</c> in group
/// <c>nogroup</c> when the tests run as root (as <c>amohealth-api</c> runs in production: a user that owns
/// nothing it reads), on a free loopback port, with any further <c>NAME=value</c> settings given.
/// </summary>
public sealed class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    public ApiProcess(string databasePath, params string[] settings)
    {
        var port = RedisServer.FreePort();
        Address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var buildDirectory = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var dll = Path.GetFullPath(
            Path.Combine(AppContext.BaseDirectory, "..", "..", "AmoHealth.Api", buildDirectory, "AmoHealth.Api.dll"));
        var dotnet = AmoHealth.Hosting.LocalPrograms.FindOnPath("dotnet")
            ?? throw new InvalidOperationException("dotnet is not on PATH");
        List<string> command =
        [
            "env",
            $"HOME={Path.GetDirectoryName(databasePath)}",
            $"XDG_DATA_HOME={Path.GetDirectoryName(databasePath)}",
            $"Storage__Path={databasePath}", $"ASPNETCORE_URLS={Address}", "ASPNETCORE_ENVIRONMENT=Production",
            "DOTNET_NOLOGO=1", .. settings, dotnet, dll,
        ];
        if (RunningAsRoot)
        {
            // setpriv replaces itself with the Api (runuser would stay as its parent): killing this process ends it.
            command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", .. command];
        }

        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/",
        };
        command[1..].ForEach(start.ArgumentList.Add);
        _process = Process.Start(start) ?? throw new InvalidOperationException("the Api did not start");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static bool RunningAsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(40));
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("the Api process did not exit within 30 s");
            }
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
