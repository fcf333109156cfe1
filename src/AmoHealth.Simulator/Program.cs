using AmoHealth.Simulator.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSimulatorServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSimulator();

app.Run();

namespace AmoHealth.Simulator
{
    /// <summary>Marks this assembly for test hosts (several services each have a Program).</summary>
    public sealed class SimulatorMarker;
}
