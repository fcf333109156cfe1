using AmoHealth.Core.Storage;

namespace AmoHealth.Api.OnCall;

/// <summary>The accounts a silence or a window may name: every account the Prober has results for
/// (<c>check_status</c>), and those named in this service's configuration (<c>Monitor:Account</c>,
/// <c>Monitor:Accounts:N:Name</c>) when it has them, so a new account can be silenced before its first
/// result.</summary>
public sealed class KnownAccounts(StoreConnections connections, IConfiguration configuration)
{
    public async Task<bool> ContainsAsync(string account, CancellationToken cancellationToken)
    {
        if (Configured().Contains(account, StringComparer.Ordinal))
        {
            return true;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection
            .Command("SELECT COUNT(*) FROM check_status WHERE account = @account")
            .With("@account", account);
        return await command.ScalarInt64Async(cancellationToken) > 0;
    }

    private IEnumerable<string> Configured()
    {
        if (configuration["Monitor:Account"] is { Length: > 0 } single)
        {
            yield return single;
        }

        foreach (var account in configuration.GetSection("Monitor:Accounts").GetChildren())
        {
            if (account["Name"] is { Length: > 0 } name)
            {
                yield return name;
            }
        }
    }
}
