using System.Security.Cryptography;
using System.Text;

namespace AmoHealth.Api.Public;

/// <summary>The page's stylesheet, served at <c>/status/{slug}/status.css</c> (the CSP allows no inline style). Narrow
/// screens first: the 90 bars share the row's width, so a 390 px phone never scrolls sideways.</summary>
public static class StatusPageStyles
{
    public const string Css = """
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0 auto;max-width:52rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
        sans-serif;color:#1d2430;background:#f6f7f9;overflow-wrap:anywhere}
        header{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem}
        h1{font-size:1.5rem;margin:.25rem 0}
        h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        h3{font-size:1rem;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:baseline}
        a{color:#1f5fbf}
        section,article{min-width:0}
        .banner{margin:1rem 0;padding:.9rem 1rem;border-radius:.5rem;color:#fff;font-weight:600}
        .check,.incident{background:#fff;border:1px solid #dde1e7;border-radius:.5rem;padding:.75rem;margin:.5rem 0}
        .state{font-size:.85rem;font-weight:600;padding:0 .4rem;border-radius:.25rem;color:#fff}
        .banner.s-operational,.state.s-operational{background:#23854f}
        .banner.s-degraded,.state.s-degraded{background:#b7791f}
        .banner.s-down,.state.s-down{background:#c53030}
        .banner.s-maintenance,.state.s-maintenance{background:#2b6cb0}
        .banner.s-unknown,.state.s-unknown{background:#6b7280}
        small{color:#5a6472;font-weight:400}
        .bars{display:flex;gap:1px;list-style:none;margin:.25rem 0 0;padding:0;height:2.25rem;width:100%}
        .bars li{flex:1 1 0;min-width:0;border-radius:1px;background:#c9ced6}
        .bars .d-ok{background:#2f9e62}
        .bars .d-minor{background:#e0a526}
        .bars .d-major{background:#d64541}
        .bars .d-maintenance{background:#4a86d6}
        .bars .d-none{background:#c9ced6}
        .axis{display:flex;justify-content:space-between;margin:.1rem 0 .25rem;font-size:.75rem;color:#5a6472}
        .uptime{margin:0;font-size:.9rem}
        dl{margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
        dl div{display:flex;gap:.4rem}
        dt{color:#5a6472}
        dd{margin:0}
        .notes{margin:.5rem 0 0;padding-left:1.1rem}
        .notes time{color:#5a6472;font-size:.85rem}
        .definition p,footer p{font-size:.9rem;color:#3d4654}
        footer{margin-top:1.5rem;border-top:1px solid #dde1e7}
        @media (prefers-color-scheme:dark){
        body{color:#e6e9ee;background:#14181f}
        .check,.incident{background:#1c222b;border-color:#2c3440}
        small,dt,.axis,.notes time{color:#a3acb9}
        .definition p,footer p{color:#c3cad4}
        a{color:#7fb0ff}
        .bars li,.bars .d-none{background:#3a424e}
        }
        """;

    /// <summary>A hash of <see cref="Css"/>: the stylesheet's ETag and the <c>?v=</c> of the page's link, so a new
    /// release is fetched at once although browsers keep the sheet for a day.</summary>
    public static string Version { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))[..12];

    public const string CacheControl = "public, max-age=86400";
}
