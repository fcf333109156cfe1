namespace AmoHealth.Api.Apis;

/// <summary>The Api's routes: everything under <c>/api</c>; the ones that read stored data behind
/// <see cref="SchemaReadyFilter"/>.</summary>
public static class ApiGroups
{
    public static WebApplication MapAmoHealthApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        var stored = api.MapGroup(string.Empty).AddEndpointFilter<SchemaReadyFilter>();
        stored.MapStatusApi();
        stored.MapHistoryApi();
        stored.MapIncidentsApi();
        stored.MapIncidentActionsApi();
        stored.MapBurnAlertsApi();
        stored.MapSilencesApi();
        stored.MapMaintenanceApi();
        stored.MapStatsApi();
        stored.MapSloApi();
        stored.MapStatusPagesApi();
        stored.MapReportsApi();
        // These answer before the schema exists: the stream sends heartbeats, info its facts without channels.
        api.MapStreamApi();
        api.MapInfoApi();
        return app;
    }
}
