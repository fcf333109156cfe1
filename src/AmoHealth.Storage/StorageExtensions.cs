using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmoHealth.Core.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// The store as <see cref="StoreExtensions.AddAmoHealthStore"/> registers it, plus a pooled
    /// <see cref="IDbContextFactory{TContext}"/> for <see cref="AmoHealthDbContext"/>: the writer's (the Prober's)
    /// storage.
    /// <paramref name="readOnly"/>: the file is opened read-only.
    /// </summary>
    public static IHostApplicationBuilder AddAmoHealthStorage(this IHostApplicationBuilder builder,
        bool readOnly = false)
    {
        builder.AddAmoHealthStore(readOnly);
        builder.Services.AddPooledDbContextFactory<AmoHealthDbContext>((sp, options) =>
            StorageContexts.Configure(options, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        return builder;
    }
}
