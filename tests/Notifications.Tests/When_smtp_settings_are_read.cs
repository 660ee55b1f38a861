using CustomerPlatform.Notifications.Email;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace CustomerPlatform.Notifications.Tests;

public sealed class When_smtp_settings_are_read
{
    [Fact]
    public void Should_take_the_apphosts_mail_connection_string()
    {
        var options = Read(new() { ["ConnectionStrings:mail"] = "smtp://127.0.0.1:1025", ["Smtp:FromAddress"] = "no-reply@example.com" });

        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(1025, options.Port);
        Assert.Equal(SecureSocketOptions.StartTlsWhenAvailable, options.Security);
        Assert.Null(options.Username);
        Assert.Equal("example.com", options.MessageIdDomain);
    }

    [Fact]
    public void Should_read_credentials_from_either_connection_string_form()
    {
        var uri = Read(new() { ["ConnectionStrings:mail"] = "smtps://mailer:p%40ss@smtp.example.com", ["Smtp:FromAddress"] = "a@example.com" });
        var keyed = Read(new() { ["ConnectionStrings:mail"] = "Endpoint=smtp://smtp.example.com:2525;Username=mailer;Password=secret", ["Smtp:FromAddress"] = "a@example.com" });

        Assert.Equal(("smtp.example.com", 465, SecureSocketOptions.SslOnConnect, "mailer", "p@ss"), (uri.Host, uri.Port, uri.Security, uri.Username, uri.Password));
        Assert.Equal(("smtp.example.com", 2525, "mailer", "secret"), (keyed.Host, keyed.Port, keyed.Username, keyed.Password));
    }

    [Fact]
    public void Should_let_the_smtp_section_configure_a_real_server_and_require_tls_by_default()
    {
        var options = Read(new()
        {
            ["ConnectionStrings:mail"] = "smtp://127.0.0.1:1025",
            ["Smtp:Host"] = "smtp.example.com",
            ["Smtp:Port"] = "587",
            ["Smtp:Security"] = "StartTls",
            ["Smtp:Username"] = "apikey",
            ["Smtp:Password"] = "secret",
            ["Smtp:FromAddress"] = "hello@customerplatform.example",
            ["Smtp:FromName"] = "CustomerPlatform",
        });
        var bare = Read(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:Port"] = "587", ["Smtp:FromAddress"] = "a@example.com" });

        Assert.Equal(("smtp.example.com", 587, SecureSocketOptions.StartTls, "apikey"), (options.Host, options.Port, options.Security, options.Username));
        Assert.Equal(SecureSocketOptions.StartTls, bare.Security);
    }

    [Fact]
    public void Should_refuse_to_start_without_a_server_or_a_sender()
    {
        var setup = new SmtpOptionsSetup(new ConfigurationBuilder().Build());
        var options = new SmtpOptions();
        setup.Configure(options);

        var result = setup.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.Contains("ConnectionStrings__mail"));
        Assert.Contains(result.Failures, f => f.Contains("Smtp:FromAddress"));
    }

    private static SmtpOptions Read(Dictionary<string, string?> settings)
    {
        var setup = new SmtpOptionsSetup(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var options = new SmtpOptions();
        setup.Configure(options);
        Assert.True(setup.Validate(null, options).Succeeded);
        return options;
    }
}
