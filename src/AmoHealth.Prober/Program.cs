using AmoHealth.Prober.Extensions;
using AmoHealth.Prober.Probes.Hooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddProberServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapHookReceiver();

app.Run();

namespace AmoHealth.Prober
{
    /// <summary>Marks this assembly for test hosts (several services each have a Program).</summary>
    public sealed class ProberMarker;
}
