using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AmoHealth.Prober.Probes;

/// <summary>Registers probes: one class plus one <see cref="AddProbe{TProbe}"/> line each.</summary>
public sealed class ProbingBuilder(IServiceCollection services)
{
    /// <summary>Adds <typeparamref name="TProbe"/> to the probes the scheduler runs every cycle.</summary>
    public ProbingBuilder AddProbe<[DynamicallyAccessedMembers(
        DynamicallyAccessedMemberTypes.PublicConstructors)] TProbe>()
        where TProbe : class, IProbe
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProbe, TProbe>());
        return this;
    }
}
