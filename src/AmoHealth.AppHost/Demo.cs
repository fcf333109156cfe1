namespace AmoHealth.AppHost;

/// <summary>The demo's account, its public status page, and the Simulator's pipeline stages used by the demo's
/// end-to-end DP check.</summary>
public static class Demo
{
    /// <summary>The account the demo watches (the Simulator's).</summary>
    public const string Account = "demo";

    /// <summary>The demo account's public status page: <c>/status/demo</c> on the Gateway, no sign-in.</summary>
    public const string StatusPage = "demo";

    /// <summary>"Переговоры": carries the Digital Pipeline "send webhook" action.</summary>
    public const long DpStageId = 7_000_102;

    /// <summary>"Первичный контакт": where the test lead goes back to before each measured move.</summary>
    public const long DpReturnStageId = 7_000_101;
}
