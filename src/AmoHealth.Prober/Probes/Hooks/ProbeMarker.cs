namespace AmoHealth.Prober.Probes.Hooks;

/// <summary>
/// The name HOOK gives the test lead each cycle: <see cref="TestLeads.LeadName"/>, a space and 32 hex digits.
/// The receiver keeps only that suffix of a lead name, so no other name is ever kept or relayed.
/// </summary>
public static class ProbeMarker
{
    private const int Length = 32;
    private static readonly string Prefix = TestLeads.LeadName + " ";

    /// <summary>A fresh name for the test lead; <see cref="TryRead"/> gives back its marker.</summary>
    public static string NewName(out string marker)
    {
        marker = Guid.NewGuid().ToString("N");
        return Prefix + marker;
    }

    /// <summary>The marker of a name HOOK wrote, or null for any other name.</summary>
    public static string? TryRead(ReadOnlySpan<char> name)
    {
        if (name.Length != Prefix.Length + Length || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var marker = name[Prefix.Length..];
        foreach (var c in marker)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return null;
            }
        }

        return marker.ToString();
    }
}
