using System.Net;
using System.Net.Sockets;

namespace AmoHealth.Hosting;

/// <summary>The machine's programs and ports, as every launcher here looks for them.</summary>
public static class LocalPrograms
{
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>A loopback port free at this moment; a caller that loses it to another process picks again.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="answers"/>; fails naming <paramref name="what"/> on exit or timeout.</summary>
    public static async Task WaitUntilAnswersAsync(
        string what, Func<CancellationToken, Task<bool>> answers, Func<bool> exited, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!exited())
        {
            try
            {
                if (await answers(deadline.Token))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException
                or Npgsql.NpgsqlException)
            {
                // Not listening yet, or still starting up: ask again.
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException($"{what} did not answer within {timeout.TotalSeconds:0} s.");
            }
        }

        throw new InvalidOperationException($"{what} exited before it answered.");
    }
}
