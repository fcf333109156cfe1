using AmoHealth.Core.Checks;
using AmoHealth.Prober.Extensions;
using AmoHealth.Prober.Probes;
using Microsoft.AspNetCore.Builder;

namespace AmoHealth.Tests.Integration.Probes;

[Trait("Ring", "Integration")]
public sealed class ProbeRegistrationTests
{
    [Fact]
    public void EveryProbeImplementationIsRegisteredAndTheFiveChecksAreCovered()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddProberServices();

        var registered = builder.Services
            .Where(d => d.ServiceType == typeof(IProbe))
            .Select(d => d.ImplementationType)
            .ToHashSet();
        var implementations = typeof(IProbe).Assembly.GetTypes()
            .Where(t => typeof(IProbe).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false });

        Assert.All(implementations, t => Assert.Contains(t, registered));
        var checkTypes =
            registered.Select(t =>
                ((IProbe)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t!)).CheckType);
        Assert.Equal(CheckType.All.OrderBy(c => c), checkTypes.OrderBy(c => c));
    }
}
