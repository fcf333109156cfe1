using AmoHealth.Migrator;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await MigratorCommand.RunAsync(args, Console.Out, stop.Token);
