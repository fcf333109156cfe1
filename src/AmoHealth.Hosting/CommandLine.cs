namespace AmoHealth.Hosting;

/// <summary><c>--name value</c> options (a name may repeat) and bare <c>--flag</c>s after a command's verb.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected an option, got '{name}'");
            }

            var hasValue = i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal);
            if (!_options.TryGetValue(name[2..], out var values))
            {
                _options[name[2..]] = values = [];
            }

            if (hasValue)
            {
                values.Add(arguments[++i]);
            }
        }
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Text(string name) => _options.TryGetValue(name, out var values) ? values.LastOrDefault() : null;

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required");

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var values) ? values : [];

    /// <summary>A port: the one given, else a free one (0 or absent).</summary>
    public int Port(string name) =>
        int.TryParse(Text(name), out var port) && port > 0 ? port : LocalPrograms.FreePort();
}
