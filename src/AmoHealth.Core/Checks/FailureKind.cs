namespace AmoHealth.Core.Checks;

/// <summary>Why a probe did not come back <see cref="Outcome.Up"/>, as a value from the probe to storage, the API, the
/// live stream, the alerts and the page. The probe's <see cref="ProbeResult.ErrorMessage"/> stays as the detail for
/// logs; nothing decides by reading it.</summary>
public enum FailureKind
{
    /// <summary>Nothing failed.</summary>
    None,

    /// <summary>A correct answer, slower than the check's threshold.</summary>
    Slow,

    /// <summary>No whole answer within the timeout.</summary>
    Timeout,

    /// <summary>The host name did not resolve.</summary>
    Dns,

    /// <summary>The connection was refused or reset.</summary>
    Connect,

    /// <summary>The TLS handshake failed.</summary>
    Tls,

    /// <summary>The server closed the connection or sent something that is not HTTP.</summary>
    Protocol,

    /// <summary>An HTTP status the check does not expect (a 5xx, a 404).</summary>
    HttpStatus,

    /// <summary>The expected status, but a body that is not what amoCRM sends.</summary>
    WrongAnswer,

    /// <summary>amoCRM did not deliver the webhook or the Digital Pipeline call in time.</summary>
    NoDelivery,

    /// <summary>401, or a 403 problem+json: amoCRM rejects the token or its rights.</summary>
    TokenRejected,

    /// <summary>No token could be had at all (none stored, the refresh refused).</summary>
    TokenUnavailable,

    /// <summary>429: amoCRM asks us to wait.</summary>
    Throttled,

    /// <summary>403 from amoCRM's edge: the account or our address is blocked.</summary>
    Blocked,

    /// <summary>402: the subscription has ended.</summary>
    Billing,

    /// <summary>AmoHealth's own server has no network (the reference target is unreachable too).</summary>
    Offline,

    /// <summary>AmoHealth's own webhook receiver cannot be reached through <c>PUBLIC_URL</c>.</summary>
    ReceiverUnreachable,

    /// <summary>A setting names something the account does not have (a stage id); fixed by configuration.</summary>
    Configuration,

    /// <summary>The probe itself failed (a defect in AmoHealth); the log has the exception.</summary>
    MonitorError,
}
