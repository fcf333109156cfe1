using AmoHealth.Simulator.Amo;
using AmoHealth.Simulator.Extensions;
using AmoHealth.Simulator.Mattermost;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSimulatorServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAmoApi();
app.MapMattermostApi();

app.Run();

namespace AmoHealth.Simulator
{
    /// <summary>Marks this assembly for test hosts (several services each have a Program).</summary>
    public sealed class SimulatorMarker;
}
