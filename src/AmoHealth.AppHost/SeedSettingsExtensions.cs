namespace AmoHealth.AppHost;

public static class SeedSettingsExtensions
{
    /// <summary>Passes CHECK_INTERVAL and TIMEOUT_THRESHOLD through to the Prober when they are set.</summary>
    public static IResourceBuilder<ProjectResource> WithSeedVariables(
        this IResourceBuilder<ProjectResource> prober, SeedSettings settings)
    {
        if (settings.CheckInterval is { } interval)
        {
            prober.WithEnvironment("CHECK_INTERVAL", interval);
        }

        if (settings.TimeoutThreshold is { } timeout)
        {
            prober.WithEnvironment("TIMEOUT_THRESHOLD", timeout);
        }

        return prober;
    }

    /// <summary>
    /// A real account: the domain as given, and the token and Mattermost URL as secret parameters, so the
    /// Aspire dashboard masks them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAmoCrmAccount(
        this IResourceBuilder<ProjectResource> prober, IDistributedApplicationBuilder builder, SeedSettings settings)
    {
        prober.WithEnvironment("AMOCRM_DOMAIN", settings.Domain);
        if (settings.PublicUrl is { } publicUrl)
        {
            prober.WithEnvironment("PUBLIC_URL", publicUrl);
        }

        if (settings.AccessToken is { } token)
        {
            prober.WithEnvironment(
                "AMOCRM_ACCESS_TOKEN", builder.AddParameter("amocrm-access-token", token, secret: true));
        }

        if (settings.MattermostWebhookUrl is not null)
        {
            prober.WithEnvironment("MATTERMOST_WEBHOOK_URL", MattermostParameter(builder, settings));
        }

        return prober;
    }

    /// <summary>The Api gets the Mattermost URL too: it alerts when the Prober stops producing results.</summary>
    public static IResourceBuilder<ProjectResource> WithSilenceAlerts(
        this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder, SeedSettings settings) =>
        settings.MattermostWebhookUrl is null
            ? api
            : api.WithEnvironment("MATTERMOST_WEBHOOK_URL", MattermostParameter(builder, settings));

    private static IResourceBuilder<ParameterResource> MattermostParameter(
        IDistributedApplicationBuilder builder, SeedSettings settings) =>
        builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == "mattermost-webhook-url")
            is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter("mattermost-webhook-url", settings.MattermostWebhookUrl!, secret: true);
}
