using CustomerPlatform.AppHost.Dashboard;
using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.Contracts;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddComponent(new DashboardComponent(builder.Options));

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var messaging = builder.AddRabbitMQ(ResourceNames.Messaging);
var mail = builder.AddMailDev(ResourceNames.Mail);

var identity = AddService(ResourceNames.Services.Identity, "Identity", ResourceNames.Databases.Identity);
var onboarding = AddService(ResourceNames.Services.Onboarding, "Onboarding", ResourceNames.Databases.Onboarding);
var training = AddService(ResourceNames.Services.Training, "Training", ResourceNames.Databases.Training);
var ticketing = AddService(ResourceNames.Services.Ticketing, "Ticketing", ResourceNames.Databases.Ticketing);
var notifications = AddService(ResourceNames.Services.Notifications, "Notifications", ResourceNames.Databases.Notifications)
    .WithReference(mail).WaitFor(mail);
var loyalty = AddService(ResourceNames.Services.Loyalty, "Loyalty", ResourceNames.Databases.Loyalty);

var gateway = builder.AddProject(ResourceNames.Gateway, "../gateway/CustomerPlatform.Gateway.csproj")
    .WithExternalHttpEndpoint(builder.Options.Ports.Gateway, "Ports:Gateway")
    .WithReference(identity).WaitFor(identity)
    .WithReference(onboarding).WaitFor(onboarding)
    .WithReference(training).WaitFor(training)
    .WithReference(ticketing).WaitFor(ticketing)
    .WithReference(notifications).WaitFor(notifications)
    .WithReference(loyalty).WaitFor(loyalty);

// Tokens name the gateway's origin as their issuer, and Identity's emails link to the app there.
foreach (var project in new[] { identity, onboarding, training, ticketing, notifications, loyalty, gateway })
{
    project.WithEnvironment("Identity__Issuer", gateway);
}
identity.WithEnvironment("Identity__AppOrigin", gateway);
onboarding.WithEnvironment("Onboarding__AppOrigin", gateway);
ticketing.WithEnvironment("Ticketing__AppUrl", gateway);

// Every service checks access tokens against Identity's signing keys (its JWKS, read through service
// discovery when the first token arrives, so no service waits for Identity to start).
foreach (var service in new[] { onboarding, training, ticketing, notifications, loyalty })
{
    service.WithReference(identity);
}

builder.Build().Run();

// Each service owns one database on the shared server and talks to the others over RabbitMQ.
IResourceBuilder<ProjectResource> AddService(string name, string folder, string database)
{
    var db = postgres.AddDatabase(database);
    return builder.AddProject(name, $"../services/{folder}/CustomerPlatform.{folder}.csproj")
        .WithReplicas(builder.Options.Replicas.GetValueOrDefault(name, 1))
        .WithReference(db).WaitFor(db)
        .WithReference(messaging).WaitFor(messaging);
}

/// <summary>Reachable from tests: <c>DistributedApplicationTestingBuilder.StartAsync&lt;Program&gt;()</c>.</summary>
public partial class Program;
