namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>A long-lived token (1 day to 5 years): nothing to refresh; a 401 means it expired or was revoked.</summary>
public sealed class StaticTokenSource(string token) : ITokenSource
{
    public bool CanRefresh => false;

    public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public Task<bool> RefreshAfterRejectionAsync(string rejected, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
