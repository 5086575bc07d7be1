using Microsoft.AspNetCore.Components;
using QRCoder;

namespace AiPolicyHub.Web.Identity;

/// <summary>QR codes drawn on the server as inline SVG (QRCoder): no script and no image request, so the strict CSP holds.</summary>
public static class QrCodes
{
    public static MarkupString Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // Only QRCoder's own markup: rectangles and a path of the code's modules, with the text nowhere in it.
        return new MarkupString(new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute));
    }
}
