using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (validated at start), a pooled
    /// <see cref="IDbContextFactory{TContext}"/> for <see cref="AmoHealthDbContext"/>, the
    /// <see cref="SchemaState"/> and a readiness health check named <c>database</c> that passes once every
    /// migration is applied. <paramref name="readOnly"/>: the file is opened read-only (the Api).
    /// </summary>
    public static IHostApplicationBuilder AddAmoHealthStorage(this IHostApplicationBuilder builder, bool readOnly = false)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure(o =>
            {
                o.ReadOnly = readOnly;
                o.PostgresConnectionString = builder.Configuration.GetConnectionString(StorageOptions.ConnectionName);
            })
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.PostgresConnectionString),
                $"Storage:Provider is postgres but ConnectionStrings:{StorageOptions.ConnectionName} is empty: set it to the server's Npgsql connection string (Host=...;Database=...;Username=...).")
            .Validate(o => o.Retention is not null && Validator.TryValidateObject(o.Retention, new ValidationContext(o.Retention), null, validateAllProperties: true),
                "Storage:Retention is invalid: each value must be in range and MinuteDays, RawDays <= HourDays <= DayDays.")
            .ValidateOnStart();
        builder.Services.AddPooledDbContextFactory<AmoHealthDbContext>((sp, options) =>
            StorageContexts.Configure(options, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddSingleton(sp => new StoreConnections(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        builder.Services.AddSingleton<SchemaState>();
        builder.Services.AddHealthChecks().AddCheck<SchemaHealthCheck>("database");
        return builder;
    }
}
