namespace AmoHealth.Hosting;

/// <summary>
/// A <c>redis-server</c> from the machine's binaries, on 127.0.0.1 without persistence (pub/sub carries only
/// live updates): the AppHost, the tests, the bench and the smoke test start it with these arguments.
/// </summary>
public static class LocalRedis
{
    public static string FindServer() =>
        LocalPrograms.FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server is not installed. Install it (Debian/Ubuntu: sudo apt-get install redis-server), or set "
            + "Redis:Mode=container with Docker, or Redis:Mode=external with ConnectionStrings:redis.");

    /// <summary>
    /// The server's command. <paramref name="port"/> and <paramref name="password"/> are values or the AppHost's
    /// placeholders; <paramref name="configFile"/> (first, as redis.conf includes it in production) may carry
    /// <c>requirepass</c> itself, which keeps the password off the command line.
    /// </summary>
    public static ServerCommand ServerCommand(string port, string? password = null, string? configFile = null)
    {
        List<string> arguments = configFile is null ? [] : [configFile];
        arguments.AddRange(["--port", port, "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"]);
        if (password is not null)
        {
            arguments.AddRange(["--requirepass", password]);
        }

        return new(FindServer(), arguments);
    }

    public static string? PasswordIn(string configFile) =>
        File.ReadLines(configFile)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("requirepass ", StringComparison.Ordinal))
            .Select(line => line["requirepass ".Length..].Trim())
            .LastOrDefault();

    public static Task WaitUntilReadyAsync(int port, string? password, Func<bool> exited, TimeSpan timeout) =>
        LocalPrograms.WaitUntilAnswersAsync(
            "redis-server",
            cancellationToken => RedisPing.PingAsync("127.0.0.1", port, password, cancellationToken),
            exited,
            timeout);
}
