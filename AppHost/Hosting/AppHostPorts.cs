namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// The fixed ports a developer opens in a browser or a tool. Each can be changed with
/// <c>AppHost:Ports:&lt;Name&gt;</c> (env <c>AppHost__Ports__&lt;Name&gt;</c>); 0 picks any free port.
/// </summary>
public sealed class AppHostPorts
{
    public int Gateway { get; set; } = 8080;

    public int Dashboard { get; set; } = 18888;

    public int MailDevWeb { get; set; } = 1080;

    public int MailDevSmtp { get; set; } = 1025;

    public int RabbitMQ { get; set; } = 5672;

    public int RabbitMQManagement { get; set; } = 15672;

    public int Postgres { get; set; } = 5432;
}
