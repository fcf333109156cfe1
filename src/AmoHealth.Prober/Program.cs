using AmoHealth.Prober.Extensions;
using AmoHealth.Prober.OnCall.Buttons;
using AmoHealth.Prober.OnCall;
using AmoHealth.Prober.Probes.Hooks;
using AmoHealth.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInternalAccess();
builder.AddProberServices();

var app = builder.Build();

app.UseInternalAccess();
app.MapDefaultEndpoints();
app.MapHookReceiver();
app.MapButtonHooks();
app.MapOnCallCommands();

app.Run();
return 0;

namespace AmoHealth.Prober
{
    /// <summary>Marks this assembly for test hosts (several services each have a Program).</summary>
    public sealed class ProberMarker;
}
