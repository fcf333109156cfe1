using AmoHealth.Prober.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProberServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

namespace AmoHealth.Prober
{
    /// <summary>Marks this assembly for test hosts (several services each have a Program).</summary>
    public sealed class ProberMarker;
}
