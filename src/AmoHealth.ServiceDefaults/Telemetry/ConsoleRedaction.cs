using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>Console logs get the same masking as exported ones.</summary>
public static class ConsoleRedaction
{
    /// <summary>Routes the console logger, whatever its formatter, through
    /// <see cref="RedactingConsoleFormatter"/>.</summary>
    public static IServiceCollection AddConsoleRedaction(this IServiceCollection services)
    {
        services.TryAddSingleton<ConsoleFormatterChoice>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ConsoleLoggerOptions>,
            ConsoleFormatterChoice>(
            sp => sp.GetRequiredService<ConsoleFormatterChoice>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, RedactingConsoleFormatter>());
        return services;
    }
}
