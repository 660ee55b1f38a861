using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerPlatform.Notifications.Email;

/// <summary>
/// Hands one email to the SMTP server with MailKit: one connection per email, which keeps a failed
/// connection from touching the next email and is plenty for the platform's volume.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger)
{
    private readonly SmtpOptions _options = options.Value;

    /// <summary>Returns once the server has accepted the message; throws when it has not (see <see cref="SmtpFailure"/>).</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(_options.Host!, _options.Port, _options.Security!.Value, cancellationToken);
        if (!string.IsNullOrEmpty(_options.Username))
            await client.AuthenticateAsync(_options.Username, _options.Password ?? "", cancellationToken);

        // Not cancelled once the message is on its way: stopping the service half-way through DATA would
        // leave it unknown whether the server has the email, and a redelivery would send it again.
        await client.SendAsync(message, CancellationToken.None);

        // The server has the email: a failed QUIT must not count as a failed delivery (and cause a second email).
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Closing the SMTP connection after {MessageId} failed; the email was accepted", message.MessageId);
        }
    }
}
