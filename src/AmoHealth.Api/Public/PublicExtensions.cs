using AmoHealth.Api.Apis;
using AmoHealth.Core.Slo;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Public;

/// <summary>The public side: status pages at <c>/status/{slug}</c> (no sign-in; the Gateway lets them through), and
/// the options behind them and the SLOs.</summary>
public static class PublicExtensions
{
    public static IServiceCollection AddPublicPages(this IServiceCollection services)
    {
        services.AddOptions<StatusPagesOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var pages = configuration.GetSection(StatusPageOptions.Section)
                    .Get<Dictionary<string, StatusPageOptions>>();
                foreach (var (slug, page) in pages ?? [])
                {
                    options.Pages[slug] = page;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusPagesOptions>, StatusPagesValidator>();
        services.AddOptions<SloOptions>().BindConfiguration(SloOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SloOptions>, SloOptionsValidator>();
        services.AddSingleton<StatusPageDirectory>();
        services.AddSingleton<PublicSnapshotBuilder>();
        services.AddSingleton<PublicSnapshotReader>();
        services.AddSingleton<IPublicSnapshots>(sp => sp.GetRequiredService<PublicSnapshotReader>());
        services.AddHostedService<PublicSnapshotInvalidator>();
        services.AddSingleton<Slo.BurnAlertReader>();
        return services;
    }

    /// <summary>Every public route, under <c>/status/{slug}</c>, behind <see cref="SchemaReadyFilter"/>.</summary>
    public static WebApplication MapPublicPages(this WebApplication app)
    {
        var pages = app.MapGroup("/status/{slug}").AddEndpointFilter<SchemaReadyFilter>()
            .WithTags("Status pages");
        PublicPageEndpoints.Map(pages);
        PublicFeedEndpoints.Map(pages);
        return app;
    }
}
