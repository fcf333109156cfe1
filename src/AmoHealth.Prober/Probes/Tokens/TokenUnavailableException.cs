namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>No usable token: the refresh failed or nothing was configured. The message is safe to show.</summary>
public sealed class TokenUnavailableException(string message) : Exception(message);
