using System.Diagnostics;
using System.Globalization;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>
/// The built Prober as a process of its own, for what an in-process host cannot show: a clean stop (SIGTERM)
/// and a kill -9. Its console output is kept for the test to read. The built Migrator runs first, as in production.
/// </summary>
public sealed class ProberProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ProberProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the Prober next to this test assembly's build with only <paramref name="environment"/> as its settings,
    /// after the built Migrator has run with the same settings (as systemd's amohealth-migrate unit runs it first).
    /// </summary>
    public static ProberProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        Migrate(environment);
        var start = StartInfo("AmoHealth.Prober", environment);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(start.WorkingDirectory);
        start.Environment["ASPNETCORE_URLS"] =
            $"http://127.0.0.1:{RedisServer.FreePort().ToString(CultureInfo.InvariantCulture)}";
        return new ProberProcess(
            Process.Start(start) ?? throw new InvalidOperationException("the Prober did not start"));
    }

    /// <summary>
    /// Runs the built AmoHealth.Migrator with <paramref name="environment"/>; throws with its output unless it exits
    /// 0 within a minute.
    /// </summary>
    public static void Migrate(IReadOnlyDictionary<string, string> environment)
    {
        using var migrator = Process.Start(StartInfo("AmoHealth.Migrator", environment))
            ?? throw new InvalidOperationException("the Migrator did not start");
        var output = migrator.StandardOutput.ReadToEndAsync();
        var errors = migrator.StandardError.ReadToEndAsync();
        if (!migrator.WaitForExit(60_000))
        {
            migrator.Kill(entireProcessTree: true);
            throw new TimeoutException("the Migrator did not finish within a minute");
        }

        if (migrator.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"the Migrator exited {migrator.ExitCode}: {output.Result}{errors.Result}");
        }
    }

    /// <summary>
    /// A built service of this solution (same configuration as the tests), started with only
    /// <paramref name="environment"/> as its settings.
    /// </summary>
    private static ProcessStartInfo StartInfo(string project, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var dll = Path.GetFullPath(
            Path.Combine(AppContext.BaseDirectory, "..", "..", project, configuration, project + ".dll"));
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>A clean stop, as systemd asks for one: SIGTERM, then waits for the exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var term = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    /// <summary>kill -9: nothing is handed back or flushed.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
