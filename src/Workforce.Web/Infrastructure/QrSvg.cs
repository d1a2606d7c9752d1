using QRCoder;

namespace Workforce.Web.Infrastructure;

/// <summary>QR codes as inline SVG (no image request, nothing the CSP has to allow).</summary>
public static class QrSvg
{
    /// <summary>The SVG of a QR code for <paramref name="text"/> (error correction M, 4 px modules, no XML header).</summary>
    public static string For(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
