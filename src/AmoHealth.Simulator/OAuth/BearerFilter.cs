using AmoHealth.Simulator.Amo;

namespace AmoHealth.Simulator.OAuth;

/// <summary>Every <c>/api/v4/*</c> call needs a valid, unexpired Bearer token, else amoCRM's 401.</summary>
public sealed class BearerFilter(TokenStore tokens) : IEndpointFilter
{
    public const string AdminItem = "amo.admin";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = ReadBearer(context.HttpContext.Request);
        if (token is null)
        {
            return AmoProblem.Unauthorized();
        }

        var (state, admin) = tokens.Check(token);
        if (state != TokenStore.TokenState.Valid)
        {
            return AmoProblem.Unauthorized();
        }

        context.HttpContext.Items[AdminItem] = admin;
        return await next(context);
    }

    public static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }
}
