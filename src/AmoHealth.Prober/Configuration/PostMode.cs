namespace AmoHealth.Prober.Configuration;

/// <summary>How POST writes (<c>Monitor:PostMode</c>).</summary>
public enum PostMode
{
    /// <summary>Patches one test lead (the default: amoCRM cannot delete leads).</summary>
    Update,

    /// <summary>Creates a lead every cycle, the seed's literal behaviour; they accumulate.</summary>
    Create,
}
