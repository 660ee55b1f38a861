using System.Data.Common;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Notifications.Email;

/// <summary>Reads the mail connection string, then the <c>Smtp</c> section over it, and checks the result at start.</summary>
public sealed class SmtpOptionsSetup(IConfiguration configuration) : IConfigureOptions<SmtpOptions>, IValidateOptions<SmtpOptions>
{
    public void Configure(SmtpOptions options)
    {
        if (configuration.GetConnectionString(ResourceNames.Mail) is { Length: > 0 } connectionString)
            ApplyConnectionString(options, connectionString);
        configuration.GetSection(SmtpOptions.Section).Bind(options);

        options.Security ??= options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        if (string.IsNullOrWhiteSpace(options.MessageIdDomain) && options.FromAddress.Split('@') is [_, { Length: > 0 } domain])
            options.MessageIdDomain = domain;
    }

    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        List<string> errors = [];
        if (string.IsNullOrWhiteSpace(options.Host))
            errors.Add($"No SMTP server: set ConnectionStrings__{ResourceNames.Mail} (smtp://host:port) or Smtp__Host.");
        if (options.Port is < 1 or > 65535)
            errors.Add("Smtp:Port must be from 1 to 65535.");
        if (!MimeKit.MailboxAddress.TryParse(options.FromAddress, out _) || !options.FromAddress.Contains('@'))
            errors.Add("Smtp:FromAddress must be an email address (the sender of every email).");
        if (options.Timeout <= TimeSpan.Zero)
            errors.Add("Smtp:Timeout must be positive.");
        if (options.PooledConnections < 0)
            errors.Add("Smtp:PooledConnections must be 0 or more.");
        if (options.MessagesPerConnection < 1)
            errors.Add("Smtp:MessagesPerConnection must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ApplyConnectionString(SmtpOptions options, string connectionString)
    {
        var endpoint = connectionString;
        if (!connectionString.Contains("://", StringComparison.Ordinal) || connectionString.Contains('='))
        {
            var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
            endpoint = parts.TryGetValue("Endpoint", out var value) ? $"{value}" : "";
            if (parts.TryGetValue("Username", out var username))
                options.Username = $"{username}";
            if (parts.TryGetValue("Password", out var password))
                options.Password = $"{password}";
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps"))
            throw new InvalidOperationException(
                $"ConnectionStrings__{ResourceNames.Mail} must be smtp://host:port, smtps://host:port or Endpoint=smtp://host:port;Username=…;Password=….");

        options.Host = uri.Host;
        options.Port = uri.IsDefaultPort || uri.Port < 0 ? (uri.Scheme == "smtps" ? 465 : 25) : uri.Port;
        options.Security = uri.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
        if (uri.UserInfo.Split(':', 2) is [{ Length: > 0 } user, var secret])
        {
            options.Username = Uri.UnescapeDataString(user);
            options.Password = Uri.UnescapeDataString(secret);
        }
    }
}
