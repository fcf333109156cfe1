using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AmoHealth.Prober.Notifications;

/// <summary>Registers alert channels: one class plus one <see cref="AddNotifier{TNotifier, TOptions}"/> line each.</summary>
public sealed class NotificationsBuilder(IServiceCollection services, IConfiguration configuration)
{
    /// <summary>Adds <typeparamref name="TNotifier"/> with its options bound from <paramref name="section"/>.</summary>
    public NotificationsBuilder AddNotifier<TNotifier, TOptions>(string section)
        where TNotifier : class, INotifier
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotifier, TNotifier>());
        if (configuration.GetSection(section).Exists())
        {
            services.AddSingleton(new NotifierSection(section.Split(':')[^1].ToLowerInvariant(), section));
        }

        return this;
    }
}
