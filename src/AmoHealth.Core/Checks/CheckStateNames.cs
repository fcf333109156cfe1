namespace AmoHealth.Core.Checks;

/// <summary>Storage names of <see cref="CheckState"/>: the lower-case words the column has always held.</summary>
public static class CheckStateNames
{
    public static string ToName(this CheckState state) => state switch
    {
        CheckState.Up => "up",
        CheckState.Suspect => "suspect",
        CheckState.Down => "down",
        CheckState.Recovering => "recovering",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>An unknown word (written by a newer version) reads as <c>up</c>: the machine starts over.</summary>
    public static CheckState Parse(string? name) => name switch
    {
        "suspect" => CheckState.Suspect,
        "down" => CheckState.Down,
        "recovering" => CheckState.Recovering,
        _ => CheckState.Up,
    };
}
