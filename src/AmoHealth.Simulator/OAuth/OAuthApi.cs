using System.Text.Json.Nodes;
using AmoHealth.Simulator.Amo;
using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.OAuth;

/// <summary><c>POST /oauth2/access_token</c>: JSON (as documented) or form bodies (as most SDKs send).</summary>
public static class OAuthApi
{
    private const string ProblemType = "https://developers.amocrm.ru/v3/errors/OAuthProblemJson";

    public static RouteGroupBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/oauth2");
        group.MapPost("/access_token", AccessTokenAsync);
        return group;
    }

    private static async Task<IResult> AccessTokenAsync(
        HttpRequest request, TokenStore tokens, IOptions<SimulatorOptions> options, TimeProvider time,
            CancellationToken cancellationToken)
    {
        var form = await ReadParametersAsync(request, cancellationToken);
        if (form is null)
        {
            return Problem("Request body must be JSON or application/x-www-form-urlencoded");
        }

        var grantType = form.GetValueOrDefault("grant_type");
        var required = grantType switch
        {
            "authorization_code" => new[] { "client_id", "client_secret", "grant_type", "code", "redirect_uri" },
            "refresh_token" => ["client_id", "client_secret", "grant_type", "refresh_token", "redirect_uri"],
            null or "" => ["grant_type"],
            _ => [],
        };
        if (required.Length == 0)
        {
            return Problem("The authorization grant type is not supported by the authorization server.");
        }

        if (required.FirstOrDefault(key => string.IsNullOrEmpty(form.GetValueOrDefault(key))) is { } missing)
        {
            return Problem($"Check the `{missing}` parameter");
        }

        var integration = options.Value.Integration;
        if (form["client_id"] != integration.ClientId || form["client_secret"] != integration.ClientSecret)
        {
            return Results.Json(
                new Dictionary<string, object>
                {
                    ["title"] = "Некорректный клиент",
                    ["type"] = ProblemType,
                    ["status"] = 401,
                    ["detail"] = "Авторизация клиента не прошла",
                },
                statusCode: 401,
                contentType: "application/problem+json");
        }

        if (form["redirect_uri"] != integration.RedirectUri)
        {
            return Problem("Redirect URI does not match the one in the integration settings");
        }

        var result = grantType == "authorization_code" ? tokens.ExchangeCode(form["code"]!)
            : tokens.Refresh(form["refresh_token"]!);
        if (result.Hint is { } hint)
        {
            return Problem(hint);
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = result.ExpiresIn,
            ["access_token"] = result.AccessToken!,
            ["refresh_token"] = result.RefreshToken!,
            ["server_time"] = time.GetUtcNow().ToUnixTimeSeconds(),
        });
    }

    private static IResult Problem(string hint) => Results.Json(
        new Dictionary<string, object>
        {
            ["hint"] = hint,
            ["title"] = "Некорректный запрос",
            ["type"] = ProblemType,
            ["status"] = 400,
            ["detail"] =
                "В запросе отсутствует ряд параметров или параметры " +
                "невалидны",
        },
        statusCode: 400,
        contentType: "application/problem+json");

    private static async Task<Dictionary<string,
        string?>?> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString(), StringComparer.Ordinal);
        }

        if (await Json.ReadAsync(request, cancellationToken) is not JsonObject json)
        {
            return null;
        }

        return json.ToDictionary(
            pair => pair.Key,
            pair => pair.Value is JsonValue value ? value.ToString() : null,
            StringComparer.Ordinal);
    }
}
