namespace AmoHealth.Simulator.Amo;

/// <summary>The account's web UI: unauthenticated, amoCRM shows its login page.</summary>
public static class WebUi
{
    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content(
            "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>amoCRM</title></head>"
            + "<body><form method=\"post\" action=\"/oauth2/authorize\"><input name=\"username\" " +
                "autocomplete=\"username\">"
            + "<input name=\"password\" type=\"password\" " +
                "autocomplete=\"current-password\"><button>Войти</button></form></body></html>",
            "text/html; charset=utf-8"));
        return app;
    }
}
