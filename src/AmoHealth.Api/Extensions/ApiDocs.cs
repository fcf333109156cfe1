using System.Text;

namespace AmoHealth.Api.Extensions;

/// <summary>The API docs: the OpenAPI document at <c>/api/openapi/v1.json</c> and Swagger UI at <c>/api/docs</c>, both
/// under /api so the Gateway serves them. The page is ours, not Swagger UI's standalone one: that layout draws an SVG
/// logo with an inline &lt;style&gt;, which the production Content-Security-Policy (<c>style-src 'self'</c>) blocks.
/// Ours has no inline code at all: a plain page, Swagger UI's own files, and a script file of ours.</summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/api/openapi/" + DocumentName + ".json";
    public const string ScriptPath = "/api/docs/amohealth-docs.js";

    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>AmoHealth API</title>
          <link rel="stylesheet" href="./swagger-ui.css">
          <link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="./swagger-ui-bundle.js"></script>
          <script src="./amohealth-docs.js"></script>
        </body>
        </html>
        """;

    // BaseLayout: the operations without the standalone top bar; no validator (it would call a third party);
    // "Try it out" on, so a signed-in user can call the API from the page (same origin: connect-src 'self').
    private const string Script = """
        window.ui = SwaggerUIBundle({
          url: "/api/openapi/v1.json",
          dom_id: "#swagger-ui",
          presets: [SwaggerUIBundle.presets.apis],
          layout: "BaseLayout",
          validatorUrl: null,
          deepLinking: true,
          docExpansion: "list",
          defaultModelsExpandDepth: 1,
          tryItOutEnabled: false
        });
        """;

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/api/openapi/{documentName}.json");
        app.MapGet(ScriptPath, () => Results.Text(Script, "text/javascript", Encoding.UTF8)).ExcludeFromDescription();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api/docs";
            options.SwaggerEndpoint(DocumentPath, "AmoHealth API");
            options.DocumentTitle = "AmoHealth API";
            options.IndexStream = () => new MemoryStream(Encoding.UTF8.GetBytes(Page));
        });
        return app;
    }
}
