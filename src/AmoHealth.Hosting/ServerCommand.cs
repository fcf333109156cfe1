using System.Globalization;

namespace AmoHealth.Hosting;

/// <summary>A server's program and arguments, as a launcher hands them to DCP, a test or a detached start.</summary>
public sealed record ServerCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// This command under a small shell that stops the server (SIGINT) when <paramref name="ownerProcessId"/> is
    /// gone or the shell is told to stop, so a killed test run or script leaves no server behind. With
    /// <paramref name="logFile"/>, the shell and the server write there and hold no descriptor of the caller's.
    /// </summary>
    public ServerCommand WatchedBy(int ownerProcessId, string? logFile = null)
    {
        // "sleep & wait": a TERM is handled at once, not after the sleep.
        var redirect = logFile is null ? string.Empty : "exec >>\"$LOG\" 2>&1 </dev/null; ";
        var owner = ownerProcessId.ToString(CultureInfo.InvariantCulture);
        var watch = redirect
            + "\"$@\" & child=$!; trap 'kill -INT $child 2>/dev/null; wait $child; exit 0' TERM INT; "
            + $"while [ -d /proc/{owner} ] && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done; "
            + "kill -INT $child 2>/dev/null; wait $child";
        List<string> arguments = ["-c", watch, "server-watch", FileName, .. Arguments];
        return logFile is null
            ? new("/bin/sh", arguments)
            : new("/usr/bin/env", [$"LOG={logFile}", "/bin/sh", .. arguments]);
    }

    public ServerCommand As(string user) => new("runuser", ["-u", user, "--", FileName, .. Arguments]);
}
