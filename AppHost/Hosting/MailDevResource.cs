namespace CustomerPlatform.AppHost.Hosting;

/// <summary>MailDev: a development SMTP server whose web inbox and REST API show every email sent.</summary>
public sealed class MailDevResource(string name) : Resource(name, "MailDev");
