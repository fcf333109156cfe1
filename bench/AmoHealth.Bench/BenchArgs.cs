using System.Globalization;

namespace AmoHealth.Bench;

/// <summary><c>--name value</c> pairs.</summary>
public sealed class BenchArgs(Dictionary<string, string> values)
{
    public static BenchArgs Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new BenchArgs(values);
    }

    public IReadOnlyDictionary<string, string> Values => values;

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string Text(string name) =>
        values.TryGetValue(name, out var text) ? text : throw new ArgumentException($"--{name} is required");
}
