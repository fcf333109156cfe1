namespace AmoHealth.Prober.Probes.Safety;

/// <param name="Spacing">Minimum time between two API requests to one account.</param>
/// <param name="DefaultRetryAfter">The wait after a 429 that names none (amoCRM's HTML 429).</param>
/// <param name="BlockedRecheck">How often a blocked account is checked again.</param>
public sealed record GuardSettings(TimeSpan Spacing, TimeSpan DefaultRetryAfter, TimeSpan BlockedRecheck);
