using System.Globalization;

namespace AmoHealth.Bench;

/// <summary>Resident memory of processes from <c>/proc/PID/status</c>, in MiB, and a sampler for the peak.</summary>
public sealed class Rss : IAsyncDisposable
{
    private readonly Dictionary<string, int> _pids;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, double> _peak = [];

    private Rss(Dictionary<string, int> pids)
    {
        _pids = pids;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var (name, mib) in Now())
                {
                    _peak[name] = Math.Max(_peak.GetValueOrDefault(name), mib);
                }

                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Parses <c>name:pid,name:pid</c>.</summary>
    public static Rss Watch(string? spec) => new(
        (spec ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(':'))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture)));

    public Dictionary<string, double> Now() => _pids.ToDictionary(p => p.Key, p => Read(p.Value));

    public Dictionary<string, double> Peak => new(_peak);

    /// <summary>Proportional set size: shared pages (the .NET framework's files) split among their processes.</summary>
    public Dictionary<string, double> Proportional() =>
        _pids.ToDictionary(p => p.Key, p => Read($"/proc/{p.Value}/smaps_rollup", "Pss:"));

    public static double Read(int pid) => Read($"/proc/{pid}/status", "VmRSS:");

    private static double Read(string file, string field)
    {
        try
        {
            var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null
                ? 0 : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                    CultureInfo.InvariantCulture) / 1024.0, 1);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
