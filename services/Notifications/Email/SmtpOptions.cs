using MailKit.Security;

namespace CustomerPlatform.Notifications.Email;

/// <summary>
/// Where and how email goes out. Filled from <c>ConnectionStrings__mail</c> (what the AppHost gives:
/// <c>smtp://host:port</c>, or <c>Endpoint=smtp://host:port;Username=…;Password=…</c>), then from the
/// <c>Smtp</c> section, whose values win (see <see cref="SmtpOptionsSetup"/>).
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; }

    /// <summary>
    /// None, Auto, SslOnConnect, StartTls (required) or StartTlsWhenAvailable. Unset: SslOnConnect on
    /// port 465, otherwise StartTls, except for an <c>smtp://</c> connection string (a development
    /// server such as MailDev), which gets StartTlsWhenAvailable.
    /// </summary>
    public SecureSocketOptions? Security { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }

    public string FromAddress { get; set; } = "";
    public string? FromName { get; set; }

    /// <summary>The right-hand side of every Message-ID; defaults to the from address's domain.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>How long one SMTP operation (connect, a command, the message) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections kept open between emails (at most; one email at a time each). 0: a new connection per email.</summary>
    public int PooledConnections { get; set; } = 8;

    /// <summary>Emails sent on one connection before it is closed and a new one opened.</summary>
    public int MessagesPerConnection { get; set; } = 100;

    /// <summary>A connection idle for longer is closed rather than used (well under servers' idle timeouts, which are minutes).</summary>
    public TimeSpan IdleConnectionLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection idle for longer is checked with NOOP before it carries an email.</summary>
    public TimeSpan CheckIdleConnectionAfter { get; set; } = TimeSpan.FromSeconds(1);
}
