using AmoHealth.Hosting;

// The shell's way to the launchers (bench/*.sh, deploy/smoke.sh, deploy/install.sh): see StackCommand.
return await StackCommand.RunAsync(args, Console.In, Console.Out, Console.Error);
