using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CustomerPlatform.Notifications.Email;

/// <summary>Tells a failure worth retrying (server down, busy, 4xx) from one that will fail the same way again (5xx: no such mailbox, rejected content).</summary>
public static class SmtpFailure
{
    public static bool IsPermanent(Exception exception) => exception switch
    {
        // A rejected sender is our configuration, not this email: retrying gives an operator time to fix it.
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } command =>
            (int)command.StatusCode >= 500,
        _ => false,
    };

    /// <summary>Whether the exception came from talking to the SMTP server (as opposed to a bug or a cancellation).</summary>
    public static bool IsSmtp(Exception exception) => exception is
        SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
        or AuthenticationException or SslHandshakeException or SocketException or IOException or TimeoutException;

    /// <summary>A short description for the delivery log, without the stack trace.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}".Trim(),
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
