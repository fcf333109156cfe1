using AmoHealth.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmoHealth.Migrator;

/// <summary><c>AmoHealth.Migrator [--Key=value ...]</c>: brings the database the Prober is configured with to the
/// current schema (<see cref="DatabaseMigrator"/>: PostgreSQL's schema lock, SQLite's WAL, the read role's grants, the
/// rollups rebuilt when their format changed), then exits 0. It reads the Prober's configuration, from the same sources
/// (<c>appsettings.json</c> in the working directory, the environment: <c>Storage__*</c>,
/// <c>ConnectionStrings__amohealth</c>, the command line). A failure is one line on the console, naming the setting
/// when the configuration is wrong, and a non-zero exit: 2 for the configuration or the arguments, 1 for the database.
/// <c>AmoHealth.Migrator copy-from-sqlite PATH</c>: <see cref="SqliteToPostgresCopy"/>.</summary>
public static class MigratorCommand
{
    public const string Name = "AmoHealth.Migrator";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args is [SqliteToPostgresCopy.Command, var sqlitePath, ..])
        {
            // A one-off: copy a SQLite history into PostgreSQL (ConnectionStrings:amohealth from the usual
            // configuration).
            using var copyHost = Build(args[2..]);
            return await SqliteToPostgresCopy.RunAsync(
                sqlitePath,
                copyHost.Services.GetRequiredService<IConfiguration>()
                    .GetConnectionString(StorageOptions.ConnectionName), output, cancellationToken);
        }

        if (args is [var first, ..] && !first.StartsWith('-') && first != "migrate")
        {
            await output.WriteLineAsync($"{Name}: unknown command '{first}'. Usage: {Name} [migrate] [--Key=value " +
                $"...] | {Name} {SqliteToPostgresCopy.Command} PATH");
            return 2;
        }

        using var host = Build(args is ["migrate", ..] ? args[1..] : args);
        StorageOptions options;
        try
        {
            options = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            await output.WriteLineAsync($"{Name}: the configuration is invalid: {string.Join(" ", ex.Failures)}");
            return 2;
        }

        try
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await output.WriteLineAsync($"{Name}: migrating {Where(options)} failed: {OneLine(ex)}");
            return 1;
        }

        await output.WriteLineAsync($"{Name}: {Where(options)}: the schema is current.");
        return 0;
    }

    /// <summary>The Prober's storage registrations on the Prober's configuration sources; the host is never
    /// started.</summary>
    private static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        // Every statement of a migration at Information would fill the journal at each start of the Prober's unit.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.AddAmoHealthStorage();
        builder.Services.AddSingleton<DatabaseMigrator>();
        return builder.Build();
    }

    /// <summary>Which database, without any credential: the SQLite file, or PostgreSQL's host and database.</summary>
    private static string Where(StorageOptions options)
    {
        if (options.Provider != StorageProvider.Postgres)
        {
            return $"SQLite {Path.GetFullPath(options.Path)}";
        }

        try
        {
            var parsed = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
            return $"PostgreSQL {parsed.Host}/{parsed.Database}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (ConnectionStrings:amohealth cannot be read)";
        }
    }

    /// <summary>The innermost messages on one line; a connection string is never part of them.</summary>
    private static string OneLine(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message.ReplaceLineEndings(" ").Trim());
        }

        return string.Join(" <- ", messages.Distinct(StringComparer.Ordinal));
    }
}
