using AmoHealth.Api.Live;
using AmoHealth.Api.Status;
using AmoHealth.Core.Live;
using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Extensions;

public static class Extensions
{
    /// <summary>Read-only storage, the status reader, the Redis-fed hub and problem details for errors.</summary>
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddAmoHealthStorage();
        builder.AddLiveRedis();
        services.AddProblemDetails();
        services.AddSingleton<StatusReader>();
        services.AddSingleton<Queries.HistoryReader>();
        services.AddOptions<StreamOptions>()
            .BindConfiguration(StreamOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StatusHub>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusHub>());
        return builder;
    }
}
