using AmoHealth.Core.Storage;

namespace AmoHealth.Api.Apis;

/// <summary>Endpoints that read the database answer 503 "Storage not ready" until the Prober has created the schema (a
/// first start): one filter on their group, not a check in each handler.</summary>
public sealed class SchemaReadyFilter(SchemaState schema) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!await schema.IsReadyAsync(context.HttpContext.RequestAborted))
        {
            return TypedResults.Problem(
                title: "Storage not ready",
                detail: "The database has not been initialised by the Prober yet. Retry shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return await next(context);
    }
}
