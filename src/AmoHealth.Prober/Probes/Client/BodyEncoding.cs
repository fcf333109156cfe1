using System.Text;

namespace AmoHealth.Prober.Probes.Client;

/// <summary>
/// The charset an answer names, for reading its body: a Cyrillic page in front of amoCRM may still be
/// <c>windows-1251</c> or <c>koi8-r</c>. An unknown or missing charset reads as UTF-8, never an exception.
/// </summary>
public static class BodyEncoding
{
    static BodyEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Registers the code pages (this type's static constructor) at start, never inside a timed request.</summary>
    public static void Prepare()
    {
    }

    public static Encoding Of(HttpContent content)
    {
        var charset = content.Headers.ContentType?.CharSet?.Trim('"', '\'', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
