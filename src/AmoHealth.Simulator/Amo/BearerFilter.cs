using Microsoft.Extensions.Options;

namespace AmoHealth.Simulator.Amo;

/// <summary>Every <c>/api/v4/*</c> call needs <c>Authorization: Bearer</c> with a known token, else amoCRM's 401.</summary>
public sealed class BearerFilter(IOptions<SimulatorOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal)
            || !options.Value.AccessTokens.Contains(header[prefix.Length..].Trim(), StringComparer.Ordinal))
        {
            return AmoProblem.Unauthorized();
        }

        return await next(context);
    }
}
