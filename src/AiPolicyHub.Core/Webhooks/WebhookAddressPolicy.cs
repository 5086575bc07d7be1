using System.Net;
using System.Net.Sockets;

namespace AiPolicyHub.Core.Webhooks;

/// <summary>
/// Where deliveries may go (against server-side request forgery): http or https only, and never to an address inside the
/// network — loopback, private (RFC 1918), carrier-grade NAT, link-local (cloud metadata at 169.254.169.254 included),
/// IPv6 unique-local, multicast or unspecified — unless the administrator allowed that host or network
/// (<see cref="WebhookOptions.AllowedHosts"/>). Checked when a URL is subscribed, and again against each address actually
/// connected to (<see cref="WebhookSender"/>), so a name that resolves elsewhere later (DNS rebinding) gains nothing.
/// </summary>
public sealed class WebhookAddressPolicy
{
    private readonly HashSet<string> allowedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Network> allowedNetworks = [];

    private static readonly Network[] Refused =
    [
        Network.Parse("0.0.0.0/8"), Network.Parse("10.0.0.0/8"), Network.Parse("100.64.0.0/10"), Network.Parse("127.0.0.0/8"),
        Network.Parse("169.254.0.0/16"), Network.Parse("172.16.0.0/12"), Network.Parse("192.0.0.0/24"), Network.Parse("192.168.0.0/16"),
        Network.Parse("198.18.0.0/15"), Network.Parse("224.0.0.0/4"), Network.Parse("240.0.0.0/4"),
        Network.Parse("::/128"), Network.Parse("::1/128"), Network.Parse("fc00::/7"), Network.Parse("fe80::/10"), Network.Parse("fec0::/10"),
        Network.Parse("ff00::/8"),
    ];

    public WebhookAddressPolicy(WebhookOptions options)
    {
        foreach (var entry in options.AllowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0))
        {
            if (Network.TryParse(entry, out var network))
            {
                allowedNetworks.Add(network);
            }
            else
            {
                allowedNames.Add(entry.TrimEnd('.'));
            }
        }
    }

    /// <summary>Why <paramref name="url"/> cannot be subscribed, in words for the administrator, or null when its form is fine.</summary>
    public static string? FormError(string url, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed))
        {
            return "Enter the receiver's full address, e.g. https://hooks.example.org/aipolicyhub.";
        }
        if (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
        {
            return "Only http and https addresses can receive webhooks.";
        }
        if (parsed.UserInfo.Length > 0)
        {
            return "Leave user names and passwords out of the address: the signature tells the receiver who sends.";
        }
        if (parsed.Fragment.Length > 0)
        {
            return "Leave the #fragment out of the address: it is never sent to the receiver.";
        }
        uri = parsed;
        return null;
    }

    /// <summary>Whether every delivery to <paramref name="host"/> may go to any address (the administrator allowed the name).</summary>
    public bool IsAllowedName(string host) => allowedNames.Contains(host.TrimEnd('.'));

    /// <summary>Why a delivery to <paramref name="host"/> may not connect to <paramref name="address"/>, or null when it may.</summary>
    public string? Refusal(string host, IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IsAllowedName(host) || allowedNetworks.Any(n => n.Contains(address)) || !Refused.Any(n => n.Contains(address)))
        {
            return null;
        }
        return $"{address} is an internal address (loopback, private, link-local or unspecified); webhooks do not go there unless "
            + $"an administrator allows it (setting {WebhookOptions.Section}:{nameof(WebhookOptions.AllowedHosts)}).";
    }

    /// <summary>
    /// Checks a URL for a subscription: its form, then every address its host resolves to now. The sender checks again at
    /// each connection, so this is the early answer, not the guard.
    /// </summary>
    public async Task<string?> CheckAsync(string url, CancellationToken cancellationToken = default)
    {
        if (FormError(url, out var uri) is { } error)
        {
            return error;
        }
        var host = uri!.IdnHost;
        if (IsAllowedName(host))
        {
            return null;
        }
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                return $"The name {host} does not resolve to an address; check the address.";
            }
        }
        return addresses.Length == 0 ? $"The name {host} does not resolve to an address; check the address."
            : addresses.Select(a => Refusal(host, a)).FirstOrDefault(r => r is not null);
    }

    /// <summary>An address range: an address and how many of its leading bits count.</summary>
    private readonly record struct Network(byte[] Prefix, int Bits)
    {
        public static Network Parse(string text) =>
            TryParse(text, out var network) ? network : throw new FormatException($"Not an address or network: {text}");

        public static bool TryParse(string text, out Network network)
        {
            network = default;
            var slash = text.IndexOf('/');
            if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
            {
                return false;
            }
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }
            var bytes = address.GetAddressBytes();
            var bits = bytes.Length * 8;
            if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], out bits) || bits < 0 || bits > bytes.Length * 8))
            {
                return false;
            }
            network = new Network(bytes, bits);
            return true;
        }

        public bool Contains(IPAddress address)
        {
            var bytes = address.GetAddressBytes();
            if (bytes.Length != Prefix.Length)
            {
                return false;
            }
            for (var bit = 0; bit < Bits; bit++)
            {
                var mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (Prefix[bit / 8] & mask))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
