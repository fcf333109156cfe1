namespace AmoHealth.Prober.Configuration;

/// <summary>How DP is checked (<c>Monitor:DpMode</c>).</summary>
public enum DpMode
{
    /// <summary>End-to-end with <c>PUBLIC_URL</c> and a DP stage, else a configured URL, else the API.</summary>
    Auto,

    /// <summary>Moves the test lead into the DP stage and times the Digital Pipeline webhook.</summary>
    E2e,

    /// <summary>Requests <c>Monitor:DpUrl</c>.</summary>
    Url,

    /// <summary>Reads the account's pipelines.</summary>
    Api,
}
