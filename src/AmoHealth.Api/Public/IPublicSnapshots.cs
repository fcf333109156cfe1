namespace AmoHealth.Api.Public;

/// <summary>The current snapshot of a published page, cached until something shown changes.</summary>
public interface IPublicSnapshots
{
    /// <summary>The page's snapshot, or null when nothing is published at <paramref name="slug"/>.</summary>
    Task<PublicSnapshot?> GetAsync(string slug, CancellationToken cancellationToken);
}
