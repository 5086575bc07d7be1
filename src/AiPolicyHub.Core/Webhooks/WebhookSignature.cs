using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiPolicyHub.Core.Webhooks;

/// <summary>
/// How a delivery is signed: <c>X-AiPolicyHub-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where the hex is
/// HMAC-SHA256 under the subscription's secret (its UTF-8 bytes) over <c>"&lt;t&gt;.&lt;body&gt;"</c>. The time is in the
/// signed text so a receiver can refuse an old delivery played back again (the README shows how to verify it).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-AiPolicyHub-Signature";
    public const string EventHeader = "X-AiPolicyHub-Event";
    public const string DeliveryHeader = "X-AiPolicyHub-Delivery";

    public static string Sign(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
