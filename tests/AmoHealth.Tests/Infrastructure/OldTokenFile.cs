using System.Text.Json;
using AmoHealth.Prober.Probes.Tokens;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Writes a token file as an earlier version of the Prober kept it, for the import to find.</summary>
public static class OldTokenFile
{
    public static async Task WriteAsync(string path, TokenPair pair)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(pair));
    }
}
