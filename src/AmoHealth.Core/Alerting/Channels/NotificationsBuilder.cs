using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AmoHealth.Core.Alerting.Channels;

/// <summary>Registers alert channels: one class and one <see cref="AddNotifier{TNotifier, TOptions}"/> each.</summary>
public sealed class NotificationsBuilder(IServiceCollection services, IConfiguration configuration)
{
    /// <summary>
    /// Adds <typeparamref name="TNotifier"/> with its options bound from <paramref name="section"/> by
    /// <paramref name="bind"/>: <c>(section, o) =&gt; section.Bind(o)</c> at the registration, where the options'
    /// type is known and the binding is generated at build time.
    /// </summary>
    public NotificationsBuilder AddNotifier<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TNotifier,
        TOptions>(
        string section, Action<IConfiguration, TOptions> bind)
        where TNotifier : class, INotifier
        where TOptions : class
    {
        services.AddOptions<TOptions>().Configure<IConfiguration>((options, config) =>
            bind(config.GetSection(section), options));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, TNotifier>());
        if (configuration.GetSection(section).Exists())
        {
            services.AddSingleton(new NotifierSection(section.Split(':')[^1].ToLowerInvariant(), section));
        }

        return this;
    }
}
