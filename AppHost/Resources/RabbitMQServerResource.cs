using Aspire.Hosting.ApplicationModel;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>
/// A private RabbitMQ node from the Debian package, run as an executable resource with the
/// management plugin on: its own node name, folders under <c>&lt;data&gt;/&lt;name&gt;</c> (its
/// database kept between runs, so a persistent message survives a restart), a generated user and
/// password, and its own Erlang port mapper (a child resource) so none is left behind.
/// The connection string has the format of Aspire's RabbitMQ integration.
/// </summary>
public sealed class RabbitMQServerResource(string name, string command, string root, ParameterResource userName, ParameterResource password)
    : ExecutableResource(name, command, root), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string ManagementEndpointName = "management";

    public string Root { get; } = root;

    public ParameterResource UserNameParameter { get; } = userName;

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public EndpointReference ManagementEndpoint => new(this, ManagementEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserNameParameter}:{PasswordParameter}@{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
