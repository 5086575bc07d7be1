using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiPolicyHub.Core.Webhooks;

/// <summary>What one attempt came to: the receiver's status, or why nothing (or nothing useful) came back.</summary>
/// <param name="Retry">Whether trying again later may succeed (a timeout, a 5xx, a 408 or 429, a refused connection).</param>
public sealed record WebhookAttemptResult(bool Delivered, int? StatusCode, string? Error, bool Retry, TimeSpan Duration);

/// <summary>
/// Posts deliveries. Every connection goes through <see cref="ConnectAsync"/>, which resolves the host itself and connects
/// only to an address <see cref="WebhookAddressPolicy"/> allows — the address checked is the address connected to, so a
/// name that resolves to an outside address when subscribed and an inside one when sent (DNS rebinding) is still refused.
/// No proxy (it would connect for us), no redirects, no cookies, a short timeout.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>Marks a connection refused by the policy, so the attempt is reported as such rather than as a network error.</summary>
    private sealed class RefusedAddressException(string message) : IOException(message);

    private readonly WebhookAddressPolicy policy;
    private readonly HttpClient client;

    public WebhookSender(WebhookAddressPolicy policy, WebhookOptions options)
    {
        this.policy = policy;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            // Connections are not kept long: each new one is checked again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        client = new HttpClient(handler) { Timeout = options.Timeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AiPolicyHub-Webhooks/1.0");
    }

    public async Task<WebhookAttemptResult> SendAsync(string url, string eventType, string eventId, string body, string signature,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, signature);
        request.Headers.Add(WebhookSignature.EventHeader, eventType);
        request.Headers.Add(WebhookSignature.DeliveryHeader, eventId);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAttemptResult(true, status, null, false, watch.Elapsed);
            }
            var retry = status >= 500 || status is 408 or 429;
            var error = status is >= 300 and < 400 ? "The receiver answered with a redirect, which is not followed; subscribe its new address."
                : retry ? null : $"The receiver refused the delivery (HTTP {status}); it is not tried again.";
            return new WebhookAttemptResult(false, status, error, retry, watch.Elapsed);
        }
        catch (HttpRequestException e) when (Find<RefusedAddressException>(e) is { } refused)
        {
            return new WebhookAttemptResult(false, null, "Refused: " + refused.Message, false, watch.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttemptResult(false, null, "Could not connect: " + e.Message, true, watch.Elapsed);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(false, null, $"No answer within {client.Timeout.TotalSeconds:0} seconds.", true, watch.Elapsed);
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => policy.Refusal(host, a) is null).ToList();
        if (allowed.Count == 0)
        {
            throw new RefusedAddressException(addresses.Length == 0 ? $"{host} does not resolve to an address."
                : policy.Refusal(host, addresses[0])!);
        }
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last!;
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }

    public void Dispose() => client.Dispose();
}
