using System.Text.Json;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>
/// The OAuth pair as an earlier version kept it on disk: read once, to import it into the database when the
/// database holds no pair for the account. Never written any more.
/// </summary>
public sealed class TokenFile(string path)
{
    public string Path => path;

    public async Task<TokenPair?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, ProbeJsonContext.Default.TokenPair, cancellationToken);
    }
}
