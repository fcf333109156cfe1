using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Storage;

public static class StoreExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (validated at start), <see cref="StoreConnections"/> (plain connections,
    /// no ORM), the <see cref="SchemaState"/> and a readiness health check named <c>database</c> that passes once every
    /// migration is applied. <paramref name="readOnly"/>: the file is opened read-only (the Api).
    /// </summary>
    public static IHostApplicationBuilder AddAmoHealthStore(this IHostApplicationBuilder builder, bool readOnly = false)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure(o =>
            {
                o.ReadOnly = readOnly;
                o.PostgresConnectionString = builder.Configuration.GetConnectionString(StorageOptions.ConnectionName);
            })
            .Validate(o =>
                o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.PostgresConnectionString),
                $"Storage:Provider is postgres but ConnectionStrings:{StorageOptions.ConnectionName} is empty: set " +
                    "it to the server's Npgsql connection string (Host=...;Database=...;Username=...).")
            .Validate(o =>
                o.Retention is not null && new RetentionOptionsValidator().Validate(null, o.Retention).Succeeded,
                "Storage:Retention is invalid: each value must be in range and MinuteDays, RawDays <= HourDays <= " +
                    "DayDays.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddSingleton(sp =>
            new StoreConnections(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddSingleton<SchemaState>();
        builder.Services.AddHealthChecks().AddCheck<SchemaHealthCheck>("database");
        return builder;
    }
}
