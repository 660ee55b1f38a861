using System.Net;
using System.Net.Http.Headers;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CustomerPlatform.AppHost.Hosting;
using Npgsql;

namespace CustomerPlatform.AppHost.Tests;

public sealed class When_postgres_rabbitmq_and_maildev_start(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task Should_create_the_database_and_accept_connections_with_its_connection_string()
    {
        var connectionString = await App.GetConnectionStringAsync("ordersdb");

        Assert.Matches("^Host=127.0.0.1;Port=[0-9]+;Username=postgres;Password=[A-Za-z0-9]{24};Database=ordersdb$", connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("ordersdb", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Should_answer_the_management_api_with_the_generated_credentials_and_accept_amqp()
    {
        var amqp = new Uri((await App.GetConnectionStringAsync("messaging"))!);
        var credentials = Uri.UnescapeDataString(amqp.UserInfo);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(App.GetEndpoint("messaging", "management"), "/api/overview"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("amqp", amqp.Scheme);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(amqp.Host, amqp.Port);
        await tcp.GetStream().WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray());
        var reply = new byte[7];
        await tcp.GetStream().ReadExactlyAsync(reply);
        Assert.Equal(1, reply[0]); // a Connection.Start frame: the broker speaks AMQP 0-9-1
    }

    [Fact]
    public async Task Should_keep_the_mail_sent_to_its_smtp_port_for_the_api()
    {
        var smtp = new Uri((await App.GetConnectionStringAsync("mail"))!);
        using (var client = new SmtpClient(smtp.Host, smtp.Port))
        {
            await client.SendMailAsync(new MailMessage("apphost@example.test", "someone@example.test", "Hello from the AppHost test", "Body"));
        }

        using var http = new HttpClient();
        var emails = JsonDocument.Parse(await http.GetStringAsync(new Uri(App.GetEndpoint("mail"), "/api/email")));

        Assert.Contains(emails.RootElement.EnumerateArray(), e => e.GetProperty("subject").GetString() == "Hello from the AppHost test");
    }

    [Fact]
    public void Should_show_every_resource_running_and_healthy_in_the_monitor()
    {
        var resources = App.Monitor.GetResources();

        Assert.Equal(["mail", "messaging", "ordersdb", "postgres"], resources.Select(r => r.Name).Order());
        Assert.All(resources, r => Assert.Equal((ResourceState.Running, HealthStatus.Healthy), (r.State, r.Health)));
        var database = App.Monitor.GetResource("ordersdb")!;
        Assert.Equal("postgres", database.Parent);
        Assert.Contains("postgres", database.WaitsFor);
        var messaging = App.Monitor.GetResource("messaging")!;
        Assert.Contains(messaging.Endpoints, e => e is { Name: "management", IsExternal: true });
        Assert.NotNull(Assert.Single(messaging.Instances).ProcessId);
        Assert.NotEmpty(App.Monitor.GetLogs("postgres"));
    }

    [Fact]
    public void Should_give_every_fixed_port_setting_an_ephemeral_port_under_test()
    {
        var ports = App.Monitor.GetResources().SelectMany(r => r.Endpoints).Select(e => new Uri(e.Url).Port).ToList();

        Assert.DoesNotContain(ports, p => p is 5432 or 5672 or 15672 or 1025 or 1080);
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
