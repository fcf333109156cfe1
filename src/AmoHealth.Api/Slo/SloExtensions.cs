namespace AmoHealth.Api.Slo;

public static class SloExtensions
{
    /// <summary>What <c>GET /api/slo</c> reads with (the <c>Slo</c> options and the burn alerts' reader are added by
    /// <c>AddPublicPages</c>).</summary>
    public static IServiceCollection AddSlo(this IServiceCollection services)
    {
        services.AddSingleton<SloReader>();
        return services;
    }
}
