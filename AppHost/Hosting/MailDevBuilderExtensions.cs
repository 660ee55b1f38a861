namespace CustomerPlatform.AppHost.Hosting;

public static class MailDevBuilderExtensions
{
    /// <summary>MailDev with SMTP on <c>AppHost:Ports:MailDevSmtp</c> and its web inbox on <c>AppHost:Ports:MailDevWeb</c>.</summary>
    public static IResourceBuilder<MailDevResource> AddMailDev(this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new MailDevResource(name);
        resource.Endpoints.Add(new EndpointSpec("smtp", "smtp", builder.Options.Ports.MailDevSmtp, isExternal: false, "Ports:MailDevSmtp"));
        resource.Endpoints.Add(new EndpointSpec("http", "http", builder.Options.Ports.MailDevWeb, isExternal: true, "Ports:MailDevWeb"));
        return builder.AddResource(resource);
    }
}
