using System.Text.RegularExpressions;
using AmoHealth.Core.OnCall;
using AmoHealth.Core.Storage;

namespace AmoHealth.Prober.OnCall;

/// <summary>Status pages an admin publishes from the dashboard (table <c>status_pages</c>), in the command's
/// transaction. A page of the configuration (<c>StatusPages:&lt;slug&gt;</c>) wins over a stored one, so it is not
/// written here.</summary>
public static partial class StatusPageActions
{
    public const string Section = "StatusPages";

    public const int MaxTitle = 80;

    public const int MaxMinIncidentMinutes = 1_440;

    // One statement, so two admins publishing one slug at once leave one row: the later one's settings, the first
    // one's name and time of creation.
    private const string Publish =
        "INSERT INTO status_pages (slug, account, title, min_incident_minutes, indexing, created_by, created_at, "
        + "updated_at) VALUES (@slug, @account, @title, @min_incident_minutes, @indexing, @created_by, @now, @now) "
        + "ON CONFLICT (slug) DO UPDATE SET account = excluded.account, title = excluded.title, "
        + "min_incident_minutes = excluded.min_incident_minutes, indexing = excluded.indexing, "
        + "updated_at = excluded.updated_at";

    /// <summary>Publishes or takes down <c>slug</c>, as the command's kind says.</summary>
    public static Task<OnCallReply> ApplyAsync(StoreSession session, OnCallCommand command, Actor actor,
        DateTimeOffset now, IConfiguration configuration, CancellationToken cancellationToken) =>
        command.Kind == OnCallCommandKinds.PublishStatus
            ? PublishAsync(session, command, actor, now, configuration, cancellationToken)
            : UnpublishAsync(session, command, configuration, cancellationToken);

    private static async Task<OnCallReply> PublishAsync(StoreSession session, OnCallCommand command, Actor actor,
        DateTimeOffset now, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (Configured(command.Slug!, configuration) is { } conflict)
        {
            return conflict;
        }

        await using var upsert = session.Command(Publish)
            .With("@slug", command.Slug!)
            .With("@account", command.Account!)
            .With("@title", string.IsNullOrWhiteSpace(command.Title) ? DBNull.Value : command.Title.Trim())
            .With("@min_incident_minutes", command.MinIncidentMinutes ?? 0)
            .With("@indexing", command.Indexing ?? false)
            .With("@created_by", actor.Name)
            .With("@now", now.ToUnixTimeMilliseconds());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        return new OnCallReply(OnCallReply.Applied);
    }

    private static async Task<OnCallReply> UnpublishAsync(StoreSession session, OnCallCommand command,
        IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (Configured(command.Slug!, configuration) is { } conflict)
        {
            return conflict;
        }

        await using var delete = session.Command("DELETE FROM status_pages WHERE slug = @slug")
            .With("@slug", command.Slug!);
        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return new OnCallReply(OnCallReply.NotFound, Message: $"No status page is published at '{command.Slug}'.");
        }

        return new OnCallReply(OnCallReply.Applied);
    }

    /// <summary>What a page's address may be (as the Api's <c>StatusPageSlugs</c>): 1..40 lower-case letters, digits
    /// and dashes, starting with a letter or digit.</summary>
    public static bool IsSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    /// <summary>Logged once the change is committed: what was published or taken down, and by whom.</summary>
    public static void LogApplied(ILogger logger, OnCallCommand command, Actor actor)
    {
        if (command.Kind == OnCallCommandKinds.PublishStatus)
        {
            LogPublished(logger, command.Slug!, command.Account!, actor.Name);
        }
        else
        {
            LogUnpublished(logger, command.Slug!, actor.Name);
        }
    }

    // The Api refuses these first; this is for a caller that skips it, when the Prober reads the same section.
    private static OnCallReply? Configured(string slug, IConfiguration configuration) =>
        configuration.GetSection($"{Section}:{slug}").Exists()
            ? new OnCallReply(OnCallReply.Conflict,
                Message: $"The page '{slug}' is published in the configuration ({Section}:{slug}); change it there.")
            : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Status page /status/{Slug} published for {Account} by {Actor}")]
    private static partial void LogPublished(ILogger logger, string slug, string account, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status page /status/{Slug} taken down by {Actor}")]
    private static partial void LogUnpublished(ILogger logger, string slug, string actor);
}
