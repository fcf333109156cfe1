using AmoHealth.Core.Storage;
using Microsoft.Extensions.Options;

namespace AmoHealth.Api.Public;

/// <summary>The published pages: configuration first (it wins over a stored page with the same slug), then the pages
/// admins published from the dashboard (<c>status_pages</c>). Read per request: one indexed row.</summary>
public sealed class StatusPageDirectory(StoreConnections connections, IOptions<StatusPagesOptions> options)
{
    private const string Select =
        "SELECT slug, account, title, min_incident_minutes, indexing FROM status_pages";

    /// <summary>The page at <c>/status/{slug}</c>, or null when nothing is published there.</summary>
    public async Task<StatusPageDefinition?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        if (!StatusPageSlugs.IsValid(slug))
        {
            return null;
        }

        if (options.Value.Pages.TryGetValue(slug, out var configured))
        {
            return FromConfig(slug, configured);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"{Select} WHERE slug = @slug").With("@slug", slug);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Every page, configured ones first, each list by slug.</summary>
    public async Task<IReadOnlyList<StatusPageDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Pages.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => FromConfig(p.Key, p.Value)).ToList();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"{Select} ORDER BY slug");
        var stored = await ReadAsync(command, cancellationToken);
        return [.. configured, .. stored.Where(s => !options.Value.Pages.ContainsKey(s.Slug))];
    }

    private static StatusPageDefinition FromConfig(string slug, StatusPageOptions page) => new(
        slug, page.Account, page.Title, page.MinIncidentMinutes, page.Indexing, page.Language,
        StatusPageDefinition.FromConfig);

    private static async Task<List<StatusPageDefinition>> ReadAsync(
        System.Data.Common.DbCommand command, CancellationToken cancellationToken)
    {
        var pages = new List<StatusPageDefinition>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pages.Add(new StatusPageDefinition(
                reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetInt32(3),
                reader.GetBoolean(4), "ru", StatusPageDefinition.FromPage));
        }

        return pages;
    }
}
