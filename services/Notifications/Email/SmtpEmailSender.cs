using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerPlatform.Notifications.Email;

/// <summary>
/// Hands one email to the SMTP server with MailKit, on a connection kept open between emails (as mail
/// clients and relays do): a new connection costs a TCP handshake, the greeting, EHLO (and STARTTLS and
/// AUTH where configured) and QUIT, several times the work of the message itself.
/// <list type="bullet">
/// <item>A connection serves one email at a time. It goes back to the pool only after the server has
/// accepted the email; one that failed in any way is closed, so a broken connection never touches the
/// next email.</item>
/// <item>One idle for longer than <see cref="SmtpOptions.CheckIdleConnectionAfter"/> is checked with NOOP
/// before it is used (the server may have closed it); one idle for longer than
/// <see cref="SmtpOptions.IdleConnectionLifetime"/>, or that has sent
/// <see cref="SmtpOptions.MessagesPerConnection"/> emails, is closed instead.</item>
/// </list>
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider time, ILogger<SmtpEmailSender> logger) : IAsyncDisposable
{
    private readonly SmtpOptions _options = options.Value;

    // Last in, first out: the connection used last is the likeliest to be alive, and the others age out.
    private readonly ConcurrentStack<Connection> _idle = new();

    /// <summary>Returns once the server has accepted the message; throws when it has not (see <see cref="SmtpFailure"/>).</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            // Not cancelled once the message is on its way: stopping the service half-way through DATA would
            // leave it unknown whether the server has the email, and a redelivery would send it again.
            await connection.Client.SendAsync(message, CancellationToken.None);
        }
        catch
        {
            connection.Client.Dispose();
            throw;
        }

        connection.Sent++;
        await ReleaseAsync(connection, message.MessageId);
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryPop(out var connection))
            await CloseAsync(connection, null);
    }

    /// <summary>An idle connection that still answers, or a new one.</summary>
    private async Task<Connection> OpenAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryPop(out var connection))
        {
            var idle = time.GetUtcNow() - connection.IdleSince;
            if (idle > _options.IdleConnectionLifetime || !connection.Client.IsConnected)
            {
                await CloseAsync(connection, null);
                continue;
            }

            if (idle <= _options.CheckIdleConnectionAfter)
                return connection;
            try
            {
                await connection.Client.NoOpAsync(cancellationToken);
                return connection;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug(exception, "An idle SMTP connection no longer answers; it is closed");
                connection.Client.Dispose();
            }
        }

        var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_options.Host!, _options.Port, _options.Security!.Value, cancellationToken);
            if (!string.IsNullOrEmpty(_options.Username))
                await client.AuthenticateAsync(_options.Username, _options.Password ?? "", cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new Connection(client);
    }

    private async Task ReleaseAsync(Connection connection, string? messageId)
    {
        if (connection.Sent >= _options.MessagesPerConnection || _idle.Count >= _options.PooledConnections)
        {
            await CloseAsync(connection, messageId);
            return;
        }

        connection.IdleSince = time.GetUtcNow();
        _idle.Push(connection);
    }

    /// <summary>QUIT, best effort: the server has every email sent on it, and a failed QUIT must not count as a failed delivery.</summary>
    private async Task CloseAsync(Connection connection, string? messageId)
    {
        try
        {
            if (connection.Client.IsConnected)
                await connection.Client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Closing the SMTP connection after {MessageId} failed; the email was accepted", messageId);
        }
        finally
        {
            connection.Client.Dispose();
        }
    }

    private sealed class Connection(SmtpClient client)
    {
        public SmtpClient Client { get; } = client;
        public int Sent { get; set; }
        public DateTimeOffset IdleSince { get; set; }
    }
}
