using System.Diagnostics;
using System.Text.Json;

namespace AmoHealth.Bench;

/// <summary>
/// Startup of a published service (<c>--exe</c>, started in its own folder as its systemd unit does, with this
/// process's environment): the time from starting the process to the first 200 from <c>--url</c> (its /health),
/// polled every <c>--poll-ms</c> (5 ms). Started <c>--runs</c> times (5), killed after each answer; prints the
/// median, minimum and maximum. <c>--name</c> labels the service.
/// </summary>
public static class StartupBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var name = args.Text("name");
        var exe = Path.GetFullPath(args.Text("exe"));
        var url = new Uri(args.Text("url"));
        var runs = args.Int("runs", 5);
        var poll = TimeSpan.FromMilliseconds(args.Int("poll-ms", 5));
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };

        var samples = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var ms = await StartOnceAsync(exe, url, poll, client);
            if (ms is null)
            {
                Console.Error.WriteLine($"startup: {name} did not answer {url} with 200 within 60 s");
                return 1;
            }

            samples.Add(ms.Value);
        }

        var sorted = samples.Order().ToList();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "startup_ms",
            name,
            build = BuildKind(exe),
            runs,
            poll_ms = poll.TotalMilliseconds,
            median = Math.Round(Stats.Percentile(sorted, 50), 1),
            min = Math.Round(sorted[0], 1),
            max = Math.Round(sorted[^1], 1),
            samples = samples.Select(s => Math.Round(s, 1)),
        }));
        return 0;
    }

    /// <summary>"native" (NativeAOT: no IL beside the program), "r2r" (IL precompiled: ReadyToRun) or "jit".</summary>
    private static string BuildKind(string exe)
    {
        if (!File.Exists(exe + ".dll"))
        {
            return "native";
        }

        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(exe + ".dll"));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0 ? "r2r" : "jit";
    }

    private static async Task<double?> StartOnceAsync(string exe, Uri url, TimeSpan poll, HttpClient client)
    {
        var start = new ProcessStartInfo(exe)
        {
            WorkingDirectory = Path.GetDirectoryName(exe)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {exe}");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timer = new PeriodicTimer(poll);
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                if (await AnswersAsync(client, url))
                {
                    return clock.Elapsed.TotalMilliseconds;
                }

                await timer.WaitForNextTickAsync();
            }

            return null;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient client, Uri url)
    {
        try
        {
            using var response = await client.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
