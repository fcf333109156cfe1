namespace AmoHealth.AppHost;

/// <summary>The Simulator's pipeline stages used by the demo's end-to-end DP check.</summary>
public static class Demo
{
    /// <summary>"Переговоры": carries the Digital Pipeline "send webhook" action.</summary>
    public const long DpStageId = 7_000_102;

    /// <summary>"Первичный контакт": where the test lead goes back to before each measured move.</summary>
    public const long DpReturnStageId = 7_000_101;
}
