using AmoHealth.Api.Apis;
using AmoHealth.Api.Extensions;
using AmoHealth.Api.Public;
using AmoHealth.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInternalAccess();
builder.AddApiServices();

var app = builder.Build();

app.UseInternalAccess();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapAmoHealthApi();
app.MapPublicPages();
app.MapApiDocs();

app.Run();

namespace AmoHealth.Api
{
    /// <summary>Marks this assembly for <c>WebApplicationFactory</c> (several services each have a Program).</summary>
    public sealed class ApiMarker;
}
