using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AiPolicyHub.Core.Email;

/// <summary>Talks to the administrator's SMTP server with MailKit: one connection per batch of messages.</summary>
public sealed class SmtpMailer(EmailOptions options)
{
    /// <summary>Connects (and signs in when a user name is set); throws <see cref="EmailDeliveryException"/> with the reason in words.</summary>
    public async Task<SmtpConnection> ConnectAsync(EmailSettings settings, string? password, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            var security = settings.Security switch
            {
                SmtpSecurity.ImplicitTls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
            if (settings.UserName.Length > 0)
            {
                await client.AuthenticateAsync(settings.UserName, password ?? "", cancellationToken);
            }
            return new SmtpConnection(client, settings.FromAddress);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new EmailDeliveryException(Describe(e, settings), connectionLost: true, e);
        }
    }

    /// <summary>The reason a connection or a message failed, for the administrator: the server's own words where it gave some.</summary>
    public static string Describe(Exception e, EmailSettings settings) => e switch
    {
        SmtpCommandException command => $"The SMTP server answered {(int)command.StatusCode}: {command.Message.Trim()}",
        AuthenticationException => $"The SMTP server refused the user name or password ({e.Message.Trim()})",
        SslHandshakeException => $"The TLS connection to {settings.Host}:{settings.Port} failed: check the TLS choice and the server's certificate ({FirstLine(e.Message)})",
        SocketException socket => $"Could not connect to {settings.Host}:{settings.Port}: {socket.Message}",
        SmtpProtocolException or ProtocolException => $"The SMTP server at {settings.Host}:{settings.Port} broke off the conversation: {e.Message.Trim()}",
        TimeoutException or OperationCanceledException => $"The SMTP server at {settings.Host}:{settings.Port} did not answer in time",
        IOException => $"The connection to {settings.Host}:{settings.Port} failed: {e.Message.Trim()}",
        NotSupportedException => $"The SMTP server at {settings.Host}:{settings.Port} does not support what was asked: {e.Message.Trim()}",
        _ => $"Sending failed: {e.Message.Trim()}",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

/// <summary>An open connection to the SMTP server; sends plain-text messages from the configured address.</summary>
public sealed class SmtpConnection(SmtpClient client, string from) : IAsyncDisposable
{
    /// <summary>Sends one message; throws <see cref="EmailDeliveryException"/> (with <c>ConnectionLost</c> when the connection is no longer usable).</summary>
    public async Task SendAsync(string recipient, string subject, string body, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            // The server refused this message (a recipient, the content): the connection stays usable for the next one.
            throw new EmailDeliveryException($"The SMTP server answered {(int)e.StatusCode}: {e.Message.Trim()}", connectionLost: false, e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"Sending failed: {e.Message.Trim()}", connectionLost: true, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(true, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or SmtpCommandException or TimeoutException or OperationCanceledException)
        {
            // Saying goodbye failed; what was sent is sent.
        }
        client.Dispose();
    }
}

/// <summary>A message or connection failed, with the reason in words for the administrator.</summary>
public sealed class EmailDeliveryException(string message, bool connectionLost, Exception inner) : Exception(message, inner)
{
    /// <summary>True when the connection is unusable (further messages of the batch wait for the next run).</summary>
    public bool ConnectionLost { get; } = connectionLost;
}
