using AmoHealth.Bench;

// Benchmarks of the Prober's hot path. Each command prints one JSON object; bench/run.sh collects them.
return args.FirstOrDefault() switch
{
    "overhead" => await OverheadBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "throughput" => await ThroughputBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "detection" => await DetectionBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "storage" => await StorageBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "api" => await ApiLatencyBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "fanout" => await FanoutBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "memory" => await MemoryBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "hotpaths" => HotPaths.Run(BenchArgs.Parse(args[1..])),
    "firstdata" => await FirstDataBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "signin" => await SignInLoadBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "scale" => await ScaleBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "startup" => await StartupBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    "statuspage" => await StatusPageBenchmark.RunAsync(BenchArgs.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: AmoHealth.Bench overhead [--samples N] [--delay-ms D]");
    Console.Error.WriteLine("       AmoHealth.Bench throughput --simulator URL --token T [--accounts N] [--seconds S]");
    Console.Error.WriteLine("       AmoHealth.Bench detection --simulator URL --token T [--trials N] [--interval-ms MS]"
        + " [--mode api|delivery]");
    Console.Error.WriteLine("       AmoHealth.Bench storage --db PATH [--accounts N] [--days D]");
    Console.Error.WriteLine("       AmoHealth.Bench api --api URL [--requests N] [--label L] [--account NAME]");
    Console.Error.WriteLine("       AmoHealth.Bench fanout --gateway URL --redis HOST:PORT [--clients N] [--messages M]"
        + " [--pids name:pid,...]");
    Console.Error.WriteLine("       AmoHealth.Bench memory --pids name:pid,... [--seconds S] [--label L]");
    Console.Error.WriteLine("       AmoHealth.Bench hotpaths [--iterations N]");
    Console.Error.WriteLine("       AmoHealth.Bench firstdata --gateway URL [--runs N]");
    Console.Error.WriteLine("       AmoHealth.Bench signin --gateway URL [--clients N] [--samples N]");
    Console.Error.WriteLine("       AmoHealth.Bench startup --name N --exe PATH --url HEALTH_URL [--runs N]"
        + " [--poll-ms MS]");
    Console.Error.WriteLine("       AmoHealth.Bench scale --pg CONNECTION --kill-pid PID [--accounts N] [--probers N]"
        + " [--interval-ms MS] [--warm S] [--seconds S]");
    Console.Error.WriteLine("       AmoHealth.Bench statuspage --url URL [--rate RPS] [--seconds S] [--connections N]"
        + " [--pids name:pid,...]");
    return 2;
}
