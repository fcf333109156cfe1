using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AmoHealth.ServiceDefaults.Telemetry;

/// <summary>
/// Remembers the console formatter the configuration chose (<c>Logging:Console:FormatterName</c>, systemd's)
/// and puts <see cref="RedactingConsoleFormatter"/> in its place, which then writes through it.
/// </summary>
public sealed class ConsoleFormatterChoice : IPostConfigureOptions<ConsoleLoggerOptions>
{
    /// <summary>The formatter that writes the masked entries. Default: simple.</summary>
    public string Inner { get; private set; } = ConsoleFormatterNames.Simple;

    public void PostConfigure(string? name, ConsoleLoggerOptions options)
    {
        if (options.FormatterName != RedactingConsoleFormatter.FormatterName)
        {
            Inner = options.FormatterName ?? ConsoleFormatterNames.Simple;
            options.FormatterName = RedactingConsoleFormatter.FormatterName;
        }
    }
}
