using AmoHealth.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.UseSeedPort();
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGateway();

app.Run();

namespace AmoHealth.Gateway
{
    /// <summary>Marks this assembly for test hosts (several services each have a Program).</summary>
    public sealed class GatewayMarker;
}
