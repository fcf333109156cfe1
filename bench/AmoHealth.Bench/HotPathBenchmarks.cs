using System.Text.Json;
using AmoHealth.Core.Checks;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage.Rollups;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AmoHealth.Bench;

/// <summary>In-process hot paths measured with BenchmarkDotNet: what runs per result and per query bucket.</summary>
[MemoryDiagnoser]
public class HotPaths
{
    private readonly ProbeResult _result = new("main", CheckType.Get, Outcome.Up, 450, 1_699_876_543_210, 200, null);
    private byte[] _minute = [];
    private byte[] _hour = [];
    private int[] _latencies = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _latencies = [.. Enumerable.Range(0, 120).Select(_ => random.Next(80, 2_000))];
        var minute = new LatencyHistogram();
        minute.Add(_latencies[0]);
        minute.Add(_latencies[1]);
        _minute = minute.ToBytes();
        var hour = new LatencyHistogram();
        foreach (var ms in _latencies)
        {
            hour.Add(ms);
        }

        _hour = hour.ToBytes();
    }

    /// <summary>The writer, per result: one more value in a stored minute histogram.</summary>
    [Benchmark]
    public byte[] RollupMinuteAddOne()
    {
        var histogram = LatencyHistogram.FromBytes(_minute);
        histogram.Add(_latencies[2]);
        return histogram.ToBytes();
    }

    /// <summary>Stats over 30 days: merge 720 hour histograms and read p50/p95/p99.</summary>
    [Benchmark]
    public int? Merge720HoursAndReadPercentiles()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 720; i++)
        {
            histogram.Merge(_hour);
        }

        return histogram.Percentile(50) + histogram.Percentile(95) + histogram.Percentile(99);
    }

    /// <summary>The publisher, per result: the seed's SSE message as JSON.</summary>
    [Benchmark]
    public string SerializeStatusUpdate() =>
        JsonSerializer.Serialize(StatusUpdate.From(_result, 1_699_876_543_999), LiveJsonContext.Default.StatusUpdate);

    public static int Run(BenchArgs args)
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithIterationCount(args.Int("iterations", 5)))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<HotPaths>(config);
        foreach (var report in summary.Reports)
        {
            var stats = report.ResultStatistics;
            if (stats is null)
            {
                continue;
            }

            Console.WriteLine(JsonSerializer.Serialize(new
            {
                benchmark = "hot_path_ns",
                name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                median = Math.Round(stats.Median, 1),
                p95 = Math.Round(stats.Percentiles.P95, 1),
                allocated_bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
            }));
        }

        return summary.HasCriticalValidationErrors ? 1 : 0;
    }
}
