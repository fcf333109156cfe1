using System.Globalization;
using System.Xml;

namespace AmoHealth.Api.Public.Feeds;

/// <summary>A two-part badge (<c>label | value</c>) in the flat style wikis and READMEs know, written through
/// <see cref="XmlWriter"/> so any text is escaped; each part as wide as its text.</summary>
public static class SvgBadge
{
    private const string Svg = "http://www.w3.org/2000/svg";

    public static string Render(string label, string value, string color) => IncidentFeed.Write(xml =>
    {
        var left = Width(label);
        var right = Width(value);
        var total = left + right;
        xml.WriteStartElement("svg", Svg);
        Attributes(xml, ("width", total), ("height", 20));
        xml.WriteAttributeString("role", "img");
        xml.WriteAttributeString("aria-label", $"{label}: {value}");
        xml.WriteElementString("title", Svg, $"{label}: {value}");
        xml.WriteStartElement("linearGradient", Svg);
        xml.WriteAttributeString("id", "s");
        xml.WriteAttributeString("x2", "0");
        xml.WriteAttributeString("y2", "100%");
        Stop(xml, "0", "#bbb");
        Stop(xml, "1", "#000");
        xml.WriteEndElement();
        xml.WriteStartElement("g", Svg);
        Rect(xml, 0, left, "#555");
        Rect(xml, left, right, color);
        Rect(xml, 0, total, "url(#s)");
        xml.WriteEndElement();
        xml.WriteStartElement("g", Svg);
        xml.WriteAttributeString("fill", "#fff");
        xml.WriteAttributeString("text-anchor", "middle");
        xml.WriteAttributeString("font-family", "Verdana,Geneva,DejaVu Sans,sans-serif");
        xml.WriteAttributeString("font-size", "11");
        Text(xml, left / 2.0, label);
        Text(xml, left + (right / 2.0), value);
        xml.WriteEndElement();
        xml.WriteEndElement();
    });

    /// <summary>The text's width in Verdana 11 px, estimated per character, plus 5 px of padding each side.</summary>
    public static int Width(string text) => (int)Math.Ceiling(text.Sum(Advance) + 10);

    private static double Advance(char c) => c switch
    {
        'i' or 'l' or 'I' or 'j' or '.' or ',' or ':' or ';' or '|' or '!' or '\'' => 3.6,
        'f' or 't' or 'r' or '(' or ')' or '[' or ']' or ' ' or '-' => 4.8,
        'm' or 'w' or 'M' or 'W' or '%' or 'ш' or 'щ' or 'ж' or 'ю' or 'м' or 'Ш' or 'Щ' or 'Ж' or 'Ю' or 'М' => 10.5,
        >= 'A' and <= 'Z' => 7.6,
        >= 'А' and <= 'Я' => 7.6,
        _ => 7,
    };

    private static void Rect(XmlWriter xml, int x, int width, string fill)
    {
        xml.WriteStartElement("rect", Svg);
        Attributes(xml, ("x", x), ("width", width), ("height", 20));
        xml.WriteAttributeString("fill", fill);
        if (fill.StartsWith("url(", StringComparison.Ordinal))
        {
            xml.WriteAttributeString("fill-opacity", ".1");
        }

        xml.WriteEndElement();
    }

    private static void Stop(XmlWriter xml, string offset, string color)
    {
        xml.WriteStartElement("stop", Svg);
        xml.WriteAttributeString("offset", offset);
        xml.WriteAttributeString("stop-color", color);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, double x, string text)
    {
        xml.WriteStartElement("text", Svg);
        xml.WriteAttributeString("x", x.ToString("0.#", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("y", "14");
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static void Attributes(XmlWriter xml, params (string Name, int Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
